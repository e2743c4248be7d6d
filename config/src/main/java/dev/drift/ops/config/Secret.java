package dev.drift.ops.config;

import java.util.Objects;

/**
 * A value that must never reach a terminal or a log: {@link #toString()} always answers
 * {@code ********}, so records holding a secret print safely. Use {@link #reveal()} only where the
 * value itself is needed (authenticating, connecting, writing the 0600 config file).
 */
public final class Secret {

    /** What every secret prints as. */
    public static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret value"));
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
