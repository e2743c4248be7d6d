package dev.drift.ops.registry.auth.token;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the registry token flow's {@code scope}: {@code TYPE:NAME:ACTIONS}, e.g. {@code repository:team/app:pull,push}
 * or {@code registry:catalog:*}. The name may hold ':' (a repository with a port in it never does, but a type may
 * declare so), so the type is what precedes the first ':' and the actions what follows the last.
 */
public record Scope(String type, String name, Set<String> actions) {

    public static final String REPOSITORY = "repository";
    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";
    /** Every action, as docker asks for the catalog and as a grant of everything. */
    public static final String ALL = "*";

    public Scope {
        actions = Set.copyOf(actions);
    }

    public static Scope repository(String name, String action) {
        return new Scope(REPOSITORY, name, Set.of(action));
    }

    /** The scopes of a {@code scope} query parameter or challenge (space-separated); malformed entries are left out. */
    public static List<Scope> parseAll(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split(" +")).map(Scope::parse).flatMap(Optional::stream).toList();
    }

    static Optional<Scope> parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1) {
            return Optional.empty();
        }
        Set<String> actions = new LinkedHashSet<>(Arrays.asList(text.substring(last + 1).split(",")));
        actions.removeIf(String::isBlank);
        return actions.isEmpty() ? Optional.empty()
                : Optional.of(new Scope(text.substring(0, first), text.substring(first + 1, last), actions));
    }

    /** True when this grant covers {@code wanted}: same type and name, and every wanted action (or {@code *}). */
    public boolean covers(Scope wanted) {
        return type.equals(wanted.type) && name.equals(wanted.name)
                && (actions.contains(ALL) || actions.containsAll(wanted.actions));
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions.stream().sorted().toList());
    }
}
