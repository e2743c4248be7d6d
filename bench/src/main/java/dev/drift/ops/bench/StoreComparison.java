package dev.drift.ops.bench;

import java.util.Map;

/**
 * One metadata store operation on every backend measured. There is no peer store to hold it
 * against (the peer registries keep their metadata in files), so backends are compared with each other:
 * {@code postgresOverSqlite} is present when both ran.
 */
public record StoreComparison(String kind, String operation, Map<String, Double> opsPerSecond,
                              Map<String, Long> operations, Map<String, Double> seconds, Double postgresOverSqlite) {
}
