package dev.drift.ops.cli.provision;

/** One row of {@code drift-ops status}. */
public record ComponentStatus(String component, String id, String health, String url) {
}
