package dev.drift.ops.deploy;

import dev.drift.ops.config.AuthConfig;
import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DatabaseConfig;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.S3Config;
import dev.drift.ops.config.Secret;
import dev.drift.ops.config.StorageConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one builder of the drift.toml drift-ops deploys: {@link #base} for every Drift it starts
 * (local processes included), {@link #forContainer} for the file a container reads, which holds no
 * secret value at all: the PostgreSQL URL (it carries the password), the {@code [auth.basic]}
 * entries and the S3 keys reach Drift as the files {@code DRIFT_DATABASE_POSTGRES_URL_FILE},
 * {@code DRIFT_AUTH_BASIC_USERS_FILE} and {@code DRIFT_STORAGE_S3_*_KEY_FILE} name.
 */
public final class DriftToml {

    /** {@code [server] workers}, the carrier threads of Drift's virtual threads: a fixed value keeps the file the same on every machine. */
    static final String WORKERS = "4";

    /**
     * What the container's secret files are checked as stand-ins for: a URL of the postgres
     * backend's form and a well-formed bcrypt entry (of no real password), so the rendered text is
     * known to load once the real files are beside it.
     */
    private static final String SAMPLE_POSTGRES_URL = "postgres://" + Layout.POSTGRES_USER + "@localhost/" + Layout.POSTGRES_DB;
    private static final String SAMPLE_BASIC_USER = "drift:$2a$10$" + "a".repeat(53);
    private static final String SAMPLE_S3_KEY = "sample";

    /** Replaces the renderer's first line, which speaks of a file that holds secrets: this one holds none. */
    private static final String CONTAINER_HEADER = "# drift.toml of a Drift container. No secret inside: the login, the "
            + "PostgreSQL URL and the S3 keys come from the files the DRIFT_*_FILE variables name.\n";

    private DriftToml() {
    }

    /**
     * Where Drift listens and keeps its data, and basic auth with {@code basicUser} when given:
     * the settings every Drift drift-ops deploys starts from.
     */
    public static DriftConfig base(String bindAddr, String blobsPath, String sqlitePath, Optional<String> basicUser)
            throws ConfigException {
        DriftConfig config = DriftConfig.defaults()
                .with("server.bind_addr", bindAddr)
                .with("server.workers", WORKERS)
                .with("storage.path", blobsPath)
                .with("database.sqlite_path", sqlitePath);
        // users before mode: with() validates each step, and basic mode needs a user.
        return basicUser.isEmpty() ? config : config.with("auth.basic.users", basicUser.get()).with("auth.mode", "basic");
    }

    /**
     * The text of {@link Layout#CONFIG_PATH}: listening on every address of the container, data
     * under {@link Layout#REGISTRY_DATA}, the backend chosen, {@code zqlite_url} when given, blobs in
     * {@code bucket} when given.
     *
     * @throws IllegalArgumentException when the result would not load (a bad zqlite URL or S3 endpoint), naming it
     */
    public static String forContainer(DatabaseBackend backend, boolean basicAuth, Optional<String> zqliteUrl,
                                      Optional<S3Bucket> bucket) {
        try {
            DriftConfig config = base("0.0.0.0:" + Layout.REGISTRY_PORT, Layout.REGISTRY_DATA + "/blobs",
                    Layout.REGISTRY_DATA + "/drift.db", Optional.empty());
            if (zqliteUrl.isPresent()) {
                config = config.with("database.zqlite_url", zqliteUrl.get());
            }
            if (backend == DatabaseBackend.ZQLITE) {
                config = config.with("database.backend", backend.id());
            }
            DatabaseConfig database = config.database();
            AuthConfig auth = config.auth();
            // Built, not set key by key: redirect needs the keys, which only the secret files below supply.
            StorageConfig storage = bucket.isEmpty() ? config.storage() : new StorageConfig("s3", config.storage().path(),
                    new S3Config(bucket.get().endpoint(), bucket.get().region(), bucket.get().bucket(),
                            bucket.get().pathStyle(), bucket.get().prefix(), Secret.of(""), Secret.of(""), "",
                            bucket.get().redirect()));
            DriftConfig container = new DriftConfig(config.server(),
                    new AuthConfig(basicAuth ? "basic" : auth.mode(), auth.jwtSecret(), auth.tokenExpiryHours(),
                            auth.basicUsers()),
                    storage,
                    new DatabaseConfig(backend, database.sqlitePath(), Secret.of(""), database.zqliteUrl(),
                            database.zqlite()),
                    config.registry(), config.bolt(), config.logging(), config.metrics());
            String text = container.render();
            Map<String, String> secretFiles = new HashMap<>();
            if (backend == DatabaseBackend.POSTGRES) {
                secretFiles.put("DRIFT_DATABASE_POSTGRES_URL", SAMPLE_POSTGRES_URL);
            }
            if (basicAuth) {
                secretFiles.put("DRIFT_AUTH_BASIC_USERS", SAMPLE_BASIC_USER);
            }
            if (bucket.isPresent()) {
                secretFiles.put("DRIFT_STORAGE_S3_ACCESS_KEY", SAMPLE_S3_KEY);
                secretFiles.put("DRIFT_STORAGE_S3_SECRET_KEY", SAMPLE_S3_KEY);
            }
            DriftConfig.parse(text, Layout.CONFIG_PATH, secretFiles);
            return text.replaceFirst("^#[^\n]*\n", CONTAINER_HEADER);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the container drift.toml does not validate: " + e.getMessage(), e);
        }
    }
}
