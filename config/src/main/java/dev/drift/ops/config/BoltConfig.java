package dev.drift.ops.config;

import java.util.Objects;

/** {@code [bolt]}: the Bolt gaming-profile extensions; an empty {@code registryUrl} means "this server". */
public record BoltConfig(boolean enableProfileValidation, boolean enablePluginSandbox, boolean autoUpdateProfiles,
                         String registryUrl) {

    public BoltConfig {
        Objects.requireNonNull(registryUrl, "registryUrl");
    }
}
