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
 * @param blobs     where the blobs live ({@link BlobChoice#S3}: the docker target runs SeaweedFS for them)
 * @param replicas  registry processes; the docker target publishes them on {@code port}, {@code port + 1}, ...
 */
public record UpRequest(DatabaseBackend backend, DataDir dataDir, int port, Optional<ExternalPostgres> postgres,
                        Optional<String> zqliteUrl, Duration readyTimeout, BlobChoice blobs, int replicas) {

    /** One registry with its blobs on its data volume. */
    public UpRequest(DatabaseBackend backend, DataDir dataDir, int port, Optional<ExternalPostgres> postgres,
                     Optional<String> zqliteUrl, Duration readyTimeout) {
        this(backend, dataDir, port, postgres, zqliteUrl, readyTimeout, BlobChoice.FS, 1);
    }
}
