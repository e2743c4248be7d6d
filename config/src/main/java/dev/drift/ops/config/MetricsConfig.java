package dev.drift.ops.config;

import java.util.Objects;

/** {@code [metrics]}: whether Prometheus metrics are served, and at which path. */
public record MetricsConfig(boolean enabled, String endpoint) {

    public MetricsConfig {
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
