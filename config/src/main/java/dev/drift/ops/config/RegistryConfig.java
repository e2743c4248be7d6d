package dev.drift.ops.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code [registry]}: upload limits and tag policy. {@code rateLimitPerHour} 0 means unlimited;
 * {@code minAgeDays} is the window before unreferenced content may be garbage collected (the registry's collector);
 * {@code gcInterval} how often the server collects by itself, {@link Duration#ZERO} for never.
 */
public record RegistryConfig(long maxUploadSizeMb, int rateLimitPerHour, List<String> immutableTags,
                             int minAgeDays, Duration gcInterval) {

    public RegistryConfig {
        immutableTags = List.copyOf(immutableTags);
    }

    /** Without the server's own collector. */
    public RegistryConfig(long maxUploadSizeMb, int rateLimitPerHour, List<String> immutableTags, int minAgeDays) {
        this(maxUploadSizeMb, rateLimitPerHour, immutableTags, minAgeDays, Duration.ZERO);
    }
}
