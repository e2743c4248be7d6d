package dev.drift.ops.registry.service;

import dev.drift.ops.registry.store.TagPolicy;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * {@code [registry] immutable_tags}: tag names, or patterns where {@code *} stands for any run of characters and
 * {@code ?} for one, whose tags cannot be overwritten or deleted once pushed.
 */
public final class ImmutableTags implements TagPolicy {

    private final List<String> patterns;
    private final List<Pattern> compiled;

    public ImmutableTags(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = this.patterns.stream().map(ImmutableTags::glob).toList();
    }

    @Override
    public boolean isImmutable(String tag) {
        return pattern(tag).isPresent();
    }

    /** The pattern that makes {@code tag} immutable, for messages. */
    String matching(String tag) {
        return pattern(tag).orElseThrow(() -> new IllegalArgumentException(tag + " is not immutable"));
    }

    private Optional<String> pattern(String tag) {
        return IntStream.range(0, compiled.size()).filter(i -> compiled.get(i).matcher(tag).matches())
                .mapToObj(patterns::get).findFirst();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
