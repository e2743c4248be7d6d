package dev.drift.ops.registry.oci;

import dev.drift.ops.registry.auth.token.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a /v2 request needs of a bearer token, in the registry token flow's scopes: pull to read a repository, push to
 * write it (an upload from start to finish), delete to delete from it, pull on the source of a cross-repository mount
 * too, and {@code registry:catalog:*} for the catalog. The base endpoint needs a valid token and nothing more.
 */
public final class OciAccess {

    private OciAccess() {
    }

    /** The scopes the request needs; empty for the base endpoint and for paths that are no route (they answer 404). */
    public static List<Scope> required(String method, String path, Optional<String> mountFrom) {
        Optional<OciRoute> matched;
        try {
            matched = OciRoute.match(path);
        } catch (OciException e) {
            return List.of();
        }
        if (matched.isEmpty()) {
            return List.of();
        }
        OciRoute route = matched.get();
        List<Scope> scopes = new ArrayList<>();
        switch (route.kind()) {
            case BASE -> {
            }
            case CATALOG -> scopes.add(new Scope("registry", "catalog", Set.of(Scope.ALL)));
            case UPLOAD_START, UPLOAD -> {
                scopes.add(Scope.repository(route.name(), Scope.PUSH));
                mountFrom.filter(from -> route.kind() == OciRoute.Kind.UPLOAD_START)
                        .ifPresent(from -> scopes.add(Scope.repository(from, Scope.PULL)));
            }
            case BLOB, MANIFEST -> scopes.add(Scope.repository(route.name(), switch (method) {
                case "PUT", "POST", "PATCH" -> Scope.PUSH;
                case "DELETE" -> Scope.DELETE;
                default -> Scope.PULL;
            }));
            case TAGS, REFERRERS -> scopes.add(Scope.repository(route.name(), Scope.PULL));
        }
        return scopes;
    }
}
