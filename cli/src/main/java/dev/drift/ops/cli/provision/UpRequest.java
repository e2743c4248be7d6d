package dev.drift.ops.cli.provision;

import dev.drift.ops.config.DatabaseBackend;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code up} (and {@code test}) ask a provisioner for.
 *
 * @param port      port on 127.0.0.1; 0 picks a free one
 * @param postgres  an operator's PostgreSQL; empty means the provisioner starts one itself
 * @param zqliteUrl the ZQLite server to use; required for the zqlite backend
 */
public record UpRequest(DatabaseBackend backend, DataDir dataDir, int port, Optional<ExternalPostgres> postgres,
                        Optional<String> zqliteUrl, Duration readyTimeout) {
}
