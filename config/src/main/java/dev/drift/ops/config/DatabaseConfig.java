package dev.drift.ops.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code [database]}: which metadata backend and how to reach it. Only the URL or path of the
 * chosen backend is required; {@code postgresUrl} is a secret because it may hold a password.
 */
public record DatabaseConfig(DatabaseBackend backend, Path sqlitePath, Secret postgresUrl, String zqliteUrl,
                             ZqliteConfig zqlite) {

    public DatabaseConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(sqlitePath, "sqlitePath");
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(zqliteUrl, "zqliteUrl");
        Objects.requireNonNull(zqlite, "zqlite");
    }
}
