package dev.drift.ops.registry.store;

/** Counts behind /v1/metrics. */
public record BoltTotals(long totalProfiles, long totalPlugins, long profileDownloads, long pluginDownloads) {

    public long totalDownloads() {
        return profileDownloads + pluginDownloads;
    }
}
