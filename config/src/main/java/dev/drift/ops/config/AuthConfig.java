package dev.drift.ops.config;

import java.util.List;
import java.util.Objects;

/** {@code [auth]} and {@code [auth.basic]}: who may use the registry. */
public record AuthConfig(String mode, Secret jwtSecret, int tokenExpiryHours, List<BasicUser> basicUsers) {

    /** The values {@code mode} may take. */
    public static final List<String> MODES = List.of("none", "basic", "token", "oidc");

    public AuthConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        basicUsers = List.copyOf(basicUsers);
    }
}
