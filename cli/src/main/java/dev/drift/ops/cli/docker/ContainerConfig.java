package dev.drift.ops.cli.docker;

import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DatabaseConfig;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The drift.toml a Drift container reads. It holds no secret value: the PostgreSQL URL (which
 * carries the password) reaches Drift as the file DRIFT_DATABASE_POSTGRES_URL_FILE names, so
 * drift.toml says {@code backend = "postgres"} with an empty {@code postgres_url}.
 */
public final class ContainerConfig {

    private ContainerConfig() {
    }

    /**
     * @param basicUser the {@code [auth.basic] users} entry (name and bcrypt hash)
     * @param postgresUrl the URL Drift will read from its secret file (postgres backend); used only
     *                    to check the result the way the container will see it
     * @param zqliteUrl the ZQLite server (zqlite backend)
     */
    public static DriftConfig of(DatabaseBackend backend, String basicUser, Optional<Secret> postgresUrl,
                                 Optional<String> zqliteUrl) throws ConfigException {
        DriftConfig config = DriftConfig.defaults()
                .with("server.bind_addr", "0.0.0.0:" + DockerLayout.REGISTRY_PORT)
                .with("storage.path", DockerLayout.REGISTRY_DATA + "/blobs")
                .with("database.sqlite_path", DockerLayout.REGISTRY_DATA + "/drift.db")
                // users before mode: with() validates each step, and basic mode needs a user.
                .with("auth.basic.users", basicUser)
                .with("auth.mode", "basic");
        return switch (backend) {
            case SQLITE -> config;
            case ZQLITE -> config.with("database.zqlite_url", zqliteUrl.orElseThrow())
                    .with("database.backend", DatabaseBackend.ZQLITE.id());
            case POSTGRES -> {
                DatabaseConfig database = config.database();
                DriftConfig withoutUrl = new DriftConfig(config.server(), config.auth(), config.storage(),
                        new DatabaseConfig(DatabaseBackend.POSTGRES, database.sqlitePath(), Secret.of(""),
                                database.zqliteUrl(), database.zqlite()),
                        config.registry(), config.bolt(), config.logging(), config.metrics());
                // What the container will load: this text plus the URL from the environment's file.
                DriftConfig.parse(withoutUrl.render(), Path.of(DockerLayout.CONFIG_PATH).toString(),
                        Map.of("DRIFT_DATABASE_POSTGRES_URL", postgresUrl.orElseThrow().reveal()));
                yield withoutUrl;
            }
        };
    }
}
