package dev.drift.ops.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.BlobStores;
import dev.drift.ops.registry.store.MetadataStores;

/**
 * A Drift server started in this JVM on a free 127.0.0.1 port over a temporary directory, with a small
 * HTTP client for driving it. Extra TOML (e.g. an [auth] section) is appended to the base config.
 */
public final class RunningRegistry extends RegistryHttp implements AutoCloseable {

    private final DriftServer server;
    private final BlobStore blobs;
    private final Path dataDir;

    private RunningRegistry(DriftServer server, BlobStore blobs, Path dataDir) {
        super(server.uri());
        this.server = server;
        this.blobs = blobs;
        this.dataDir = dataDir;
    }

    /** A registry on SQLite. */
    public static RunningRegistry start(Path dataDir, String extraToml) throws Exception {
        return start(MetadataBackend.SQLITE, dataDir, extraToml);
    }

    /** As {@link #start(Path, String)}, with DRIFT_* environment overrides applied to the config. */
    public static RunningRegistry start(Path dataDir, String extraToml, Map<String, String> environment) throws Exception {
        return start(dataDir, MetadataBackend.SQLITE.databaseToml(dataDir), extraToml, environment);
    }

    /** A registry whose metadata lives in a new, empty database of {@code backend}. */
    public static RunningRegistry start(MetadataBackend backend, Path dataDir, String extraToml) throws Exception {
        return start(dataDir, backend.databaseToml(dataDir), extraToml, Map.of());
    }

    /** A registry on SQLite whose blob store is {@code wrap} of the real one, for tests that step into its calls. */
    public static RunningRegistry startWrappingBlobs(Path dataDir, UnaryOperator<BlobStore> wrap) throws Exception {
        return start(dataDir, MetadataBackend.SQLITE.databaseToml(dataDir), "", Map.of(), wrap, DriftServer.IDLE_TIMEOUT);
    }

    /** A registry on SQLite whose connections time out after {@code idleTimeout}, for tests of clients that stall. */
    public static RunningRegistry startWithIdleTimeout(Path dataDir, Duration idleTimeout) throws Exception {
        return start(dataDir, MetadataBackend.SQLITE.databaseToml(dataDir), "", Map.of(), UnaryOperator.identity(), idleTimeout);
    }

    /**
     * A registry with blobs under {@code dataDir/blobs} and metadata as {@code databaseToml} (a [database] section)
     * says: two registries started with the same directory and section share both, as two processes of a deployment do.
     */
    public static RunningRegistry start(Path dataDir, String databaseToml, String extraToml,
                                        Map<String, String> environment) throws Exception {
        return start(dataDir, databaseToml, extraToml, environment, UnaryOperator.identity(), DriftServer.IDLE_TIMEOUT);
    }

    /**
     * As {@link #start(Path, String, String, Map)} with blobs where {@code storageToml} (a [storage] section, and
     * [storage.s3] for a bucket) says: two registries started with the same sections share database and blobs.
     */
    public static RunningRegistry startWithStorage(Path dataDir, String storageToml, String databaseToml) throws Exception {
        return start(dataDir, storageToml, databaseToml, "", Map.of(), UnaryOperator.identity(), DriftServer.IDLE_TIMEOUT);
    }

    /** The [storage] section of blobs in {@code dataDir/blobs}. */
    public static String fsStorageToml(Path dataDir) {
        return """
                [storage]
                backend = "fs"
                path = "%s"

                """.formatted(dataDir.resolve("blobs"));
    }

    private static RunningRegistry start(Path dataDir, String databaseToml, String extraToml, Map<String, String> environment,
                                         UnaryOperator<BlobStore> wrap, Duration idleTimeout) throws Exception {
        return start(dataDir, fsStorageToml(dataDir), databaseToml, extraToml, environment, wrap, idleTimeout);
    }

    private static RunningRegistry start(Path dataDir, String storageToml, String databaseToml, String extraToml,
                                         Map<String, String> environment, UnaryOperator<BlobStore> wrap, Duration idleTimeout)
            throws Exception {
        String toml = """
                [server]
                bind_addr = "127.0.0.1:0"

                """ + storageToml + databaseToml + extraToml;
        DriftConfig config = DriftConfig.parse(toml, "test drift.toml", environment);
        BlobStore blobs = BlobStores.open(config.storage());
        DriftServer server = DriftServer.start(config, MetadataStores.open(config.database()), wrap.apply(blobs), idleTimeout);
        return new RunningRegistry(server, blobs, dataDir);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public RunningRegistry as(String user, String password) {
        super.as(user, password);
        return this;
    }

    @Override
    public void close() throws Exception {
        server.close();
        if (blobs instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
