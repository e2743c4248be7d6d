package dev.drift.ops.config;

import java.util.Objects;

/**
 * One {@code [auth.basic] users} entry, {@code "name:secret"}. The secret is a bcrypt hash or, with
 * a warning, a plain-text password.
 */
public record BasicUser(String name, Secret secret) {

    public BasicUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Splits at the first colon (names have none; passwords may). The exception message never
     * contains the secret part.
     */
    public static BasicUser parse(String entry) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("entry must be \"name:secret\" (no colon found)");
        }
        String name = entry.substring(0, colon);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("entry must be \"name:secret\" with a non-empty name");
        }
        if (colon == entry.length() - 1) {
            throw new IllegalArgumentException("user '" + name + "' has an empty secret");
        }
        return new BasicUser(name, Secret.of(entry.substring(colon + 1)));
    }

    /** True when the secret is a bcrypt hash ($2a$, $2b$ or $2y$). */
    public boolean isBcrypt() {
        String value = secret.reveal();
        return value.startsWith("$2a$") || value.startsWith("$2b$") || value.startsWith("$2y$");
    }

    /** The {@code name:secret} form written to drift.toml; reveals the secret. */
    String toEntry() {
        return name + ":" + secret.reveal();
    }
}
