package dev.drift.ops.config;

import java.util.List;

/**
 * {@code [registry]}: upload limits and tag policy. {@code rateLimitPerHour} 0 means unlimited;
 * {@code minAgeDays} is the window before unreferenced content may be garbage collected (the registry's collector).
 */
public record RegistryConfig(long maxUploadSizeMb, int rateLimitPerHour, List<String> immutableTags,
                             int minAgeDays) {

    public RegistryConfig {
        immutableTags = List.copyOf(immutableTags);
    }
}
