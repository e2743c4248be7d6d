package dev.drift.ops.operator.model;

import java.util.Set;

/**
 * Why the operator cannot render an instance, as a condition reason a person can act on and a
 * message that names what to fix. Messages name Secrets and keys, never what they hold.
 */
public record Problem(String reason, String message) {

    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_INVALID = "SecretInvalid";

    public static Problem invalidSpec(String message) {
        return new Problem(INVALID_SPEC, message);
    }

    public static Problem secretNotFound(String name) {
        return new Problem(SECRET_NOT_FOUND, "secret " + name + " not found");
    }

    public static Problem secretKeyMissing(String name, String key, Set<String> keys) {
        return new Problem(SECRET_NOT_FOUND, "secret " + name + " has no key " + key
                + (keys.isEmpty() ? " (it has no keys)" : " (its keys: " + String.join(", ", keys) + ")"));
    }

    public static Problem secretInvalid(String name, String key, String what) {
        return new Problem(SECRET_INVALID, "secret " + name + " key " + key + ": " + what);
    }
}
