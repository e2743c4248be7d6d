package dev.drift.ops.config;

import static dev.drift.ops.config.ConfigKeys.*;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link Settings} into a {@link DriftConfig}: converts raw values to the records' types
 * (ranges, enums, users, paths), then has {@link ConfigValidator} check the rules between them.
 */
final class ConfigAssembler {

    private ConfigAssembler() {
    }

    static DriftConfig assemble(Settings s) throws ConfigException {
        DriftConfig config = new DriftConfig(server(s), auth(s), storage(s), database(s), registry(s), bolt(s),
                new LoggingConfig(s.string(LOGGING_LEVEL), s.string(LOGGING_FORMAT)),
                new MetricsConfig(s.bool(METRICS_ENABLED), s.string(METRICS_ENDPOINT)),
                s.ignoredKeys());
        ConfigValidator.validate(config, s);
        return config;
    }

    private static ServerConfig server(Settings s) throws ConfigException {
        return new ServerConfig(s.string(SERVER_BIND_ADDR), s.string(SERVER_UI_ADDR),
                s.smallInteger(SERVER_WORKERS), s.smallInteger(SERVER_MAX_CONNECTIONS));
    }

    private static AuthConfig auth(Settings s) throws ConfigException {
        return new AuthConfig(s.string(AUTH_MODE), Secret.of(s.string(AUTH_JWT_SECRET)),
                s.smallInteger(AUTH_TOKEN_EXPIRY_HOURS), users(s));
    }

    private static List<BasicUser> users(Settings s) throws ConfigException {
        List<String> entries = s.list(AUTH_BASIC_USERS);
        List<BasicUser> users = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                users.add(BasicUser.parse(entries.get(i)));
            } catch (IllegalArgumentException e) {
                throw s.elementOrigin(AUTH_BASIC_USERS, i)
                        .error(AUTH_BASIC_USERS, "entry " + (i + 1) + ": " + e.getMessage());
            }
        }
        return users;
    }

    private static StorageConfig storage(Settings s) throws ConfigException {
        S3Config s3 = new S3Config(s.string(S3_ENDPOINT), s.string(S3_REGION), s.string(S3_BUCKET),
                s.bool(S3_PATH_STYLE), s.string(S3_PREFIX), Secret.of(s.string(S3_ACCESS_KEY)),
                Secret.of(s.string(S3_SECRET_KEY)), s.string(S3_CA_FILE), s.bool(S3_REDIRECT));
        return new StorageConfig(s.string(STORAGE_BACKEND), path(s, STORAGE_PATH), s3);
    }

    private static DatabaseConfig database(Settings s) throws ConfigException {
        DatabaseBackend backend;
        try {
            backend = DatabaseBackend.fromId(s.string(DATABASE_BACKEND));
        } catch (IllegalArgumentException e) {
            throw s.origin(DATABASE_BACKEND).error(DATABASE_BACKEND, e.getMessage());
        }
        ZqliteConfig zqlite = new ZqliteConfig(s.bool(ZQLITE_ENABLE_ENCRYPTION),
                Secret.of(s.string(ZQLITE_ENCRYPTION_KEY)), s.bool(ZQLITE_ENABLE_SIGNATURES),
                s.bool(ZQLITE_ENABLE_ZKP));
        return new DatabaseConfig(backend, path(s, DATABASE_SQLITE_PATH), Secret.of(s.string(DATABASE_POSTGRES_URL)),
                s.string(DATABASE_ZQLITE_URL), zqlite);
    }

    private static RegistryConfig registry(Settings s) throws ConfigException {
        Duration gcInterval;
        try {
            gcInterval = GcInterval.parse(s.string(REGISTRY_GC_INTERVAL));
        } catch (IllegalArgumentException e) {
            throw s.origin(REGISTRY_GC_INTERVAL).error(REGISTRY_GC_INTERVAL, e.getMessage());
        }
        return new RegistryConfig(s.integer(REGISTRY_MAX_UPLOAD_SIZE_MB), s.smallInteger(REGISTRY_RATE_LIMIT_PER_HOUR),
                s.list(REGISTRY_IMMUTABLE_TAGS), s.smallInteger(REGISTRY_MIN_AGE_DAYS), gcInterval);
    }

    private static BoltConfig bolt(Settings s) {
        return new BoltConfig(s.bool(BOLT_ENABLE_PROFILE_VALIDATION), s.bool(BOLT_ENABLE_PLUGIN_SANDBOX),
                s.bool(BOLT_AUTO_UPDATE_PROFILES), s.string(BOLT_REGISTRY_URL));
    }

    private static Path path(Settings s, ConfigKey key) throws ConfigException {
        try {
            return Path.of(s.string(key));
        } catch (InvalidPathException e) {
            throw s.origin(key).error(key, "not a valid path: " + e.getReason());
        }
    }
}
