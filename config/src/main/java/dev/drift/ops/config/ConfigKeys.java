package dev.drift.ops.config;

import static dev.drift.ops.config.ConfigKey.Sensitivity.PLAIN;
import static dev.drift.ops.config.ConfigKey.Sensitivity.SECRET;
import static dev.drift.ops.config.ConfigKey.Sensitivity.URL;
import static dev.drift.ops.config.ConfigKey.Sensitivity.USER_LIST;
import static dev.drift.ops.config.ConfigKey.ValueType.BOOLEAN;
import static dev.drift.ops.config.ConfigKey.ValueType.INTEGER;
import static dev.drift.ops.config.ConfigKey.ValueType.STRING;
import static dev.drift.ops.config.ConfigKey.ValueType.STRING_LIST;

import dev.drift.ops.config.ConfigKey.Sensitivity;
import dev.drift.ops.config.ConfigKey.ValueType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The catalog of every drift.toml key. {@link #ALL} is in render order, which is also the order
 * in which validation reports the first problem.
 */
final class ConfigKeys {

    /** Larger uploads would overflow a byte count in a long. */
    private static final long MAX_UPLOAD_MB = Long.MAX_VALUE / (1024 * 1024);

    static final ConfigKey SERVER_BIND_ADDR = string("server", "bind_addr", c -> c.server().bindAddr());
    static final ConfigKey SERVER_UI_ADDR = string("server", "ui_addr", c -> c.server().uiAddr());
    static final ConfigKey SERVER_WORKERS = integer("server", "workers", 1, Integer.MAX_VALUE,
            c -> (long) c.server().workers());
    static final ConfigKey SERVER_MAX_CONNECTIONS = integer("server", "max_connections", 1, Integer.MAX_VALUE,
            c -> (long) c.server().maxConnections());

    static final ConfigKey AUTH_MODE = string("auth", "mode", c -> c.auth().mode());
    static final ConfigKey AUTH_JWT_SECRET = key("auth", "jwt_secret", STRING, SECRET,
            c -> c.auth().jwtSecret().reveal());
    static final ConfigKey AUTH_TOKEN_EXPIRY_HOURS = integer("auth", "token_expiry_hours", 1, Integer.MAX_VALUE,
            c -> (long) c.auth().tokenExpiryHours());
    static final ConfigKey AUTH_BASIC_USERS = key("auth.basic", "users", STRING_LIST, USER_LIST,
            c -> c.auth().basicUsers().stream().map(BasicUser::toEntry).toList());

    static final ConfigKey STORAGE_BACKEND = string("storage", "backend", c -> c.storage().backend());
    static final ConfigKey STORAGE_PATH = string("storage", "path", c -> c.storage().path().toString());
    static final ConfigKey S3_ENDPOINT = string("storage.s3", "endpoint", c -> c.storage().s3().endpoint());
    static final ConfigKey S3_REGION = string("storage.s3", "region", c -> c.storage().s3().region());
    static final ConfigKey S3_BUCKET = string("storage.s3", "bucket", c -> c.storage().s3().bucket());
    static final ConfigKey S3_PATH_STYLE = bool("storage.s3", "path_style", c -> c.storage().s3().pathStyle());
    static final ConfigKey S3_PREFIX = string("storage.s3", "prefix", c -> c.storage().s3().prefix());
    static final ConfigKey S3_ACCESS_KEY = key("storage.s3", "access_key", STRING, SECRET,
            c -> c.storage().s3().accessKey().reveal());
    static final ConfigKey S3_SECRET_KEY = key("storage.s3", "secret_key", STRING, SECRET,
            c -> c.storage().s3().secretKey().reveal());
    static final ConfigKey S3_CA_FILE = string("storage.s3", "ca_file", c -> c.storage().s3().caFile());
    static final ConfigKey S3_REDIRECT = bool("storage.s3", "redirect", c -> c.storage().s3().redirect());

    static final ConfigKey DATABASE_BACKEND = string("database", "backend", c -> c.database().backend().id());
    static final ConfigKey DATABASE_SQLITE_PATH = string("database", "sqlite_path",
            c -> c.database().sqlitePath().toString());
    static final ConfigKey DATABASE_POSTGRES_URL = key("database", "postgres_url", STRING, URL,
            c -> c.database().postgresUrl().reveal());
    static final ConfigKey DATABASE_ZQLITE_URL = string("database", "zqlite_url", c -> c.database().zqliteUrl());

    static final ConfigKey ZQLITE_ENABLE_ENCRYPTION = bool("database.zqlite", "enable_encryption",
            c -> c.database().zqlite().enableEncryption());
    static final ConfigKey ZQLITE_ENCRYPTION_KEY = key("database.zqlite", "encryption_key", STRING, SECRET,
            c -> c.database().zqlite().encryptionKey().reveal());
    static final ConfigKey ZQLITE_ENABLE_SIGNATURES = bool("database.zqlite", "enable_signatures",
            c -> c.database().zqlite().enableSignatures());
    static final ConfigKey ZQLITE_ENABLE_ZKP = bool("database.zqlite", "enable_zkp",
            c -> c.database().zqlite().enableZkp());

    static final ConfigKey REGISTRY_MAX_UPLOAD_SIZE_MB = integer("registry", "max_upload_size_mb", 1, MAX_UPLOAD_MB,
            c -> c.registry().maxUploadSizeMb());
    static final ConfigKey REGISTRY_RATE_LIMIT_PER_HOUR = integer("registry", "rate_limit_per_hour", 0,
            Integer.MAX_VALUE, c -> (long) c.registry().rateLimitPerHour());
    static final ConfigKey REGISTRY_IMMUTABLE_TAGS = key("registry", "immutable_tags", STRING_LIST, PLAIN,
            c -> c.registry().immutableTags());
    static final ConfigKey REGISTRY_MIN_AGE_DAYS = integer("registry", "min_age_days", 0, Integer.MAX_VALUE,
            c -> (long) c.registry().minAgeDays());
    static final ConfigKey REGISTRY_GC_INTERVAL = string("registry", "gc_interval",
            c -> GcInterval.format(c.registry().gcInterval()));

    static final ConfigKey BOLT_ENABLE_PROFILE_VALIDATION = bool("bolt", "enable_profile_validation",
            c -> c.bolt().enableProfileValidation());
    static final ConfigKey BOLT_ENABLE_PLUGIN_SANDBOX = bool("bolt", "enable_plugin_sandbox",
            c -> c.bolt().enablePluginSandbox());
    static final ConfigKey BOLT_AUTO_UPDATE_PROFILES = bool("bolt", "auto_update_profiles",
            c -> c.bolt().autoUpdateProfiles());
    static final ConfigKey BOLT_REGISTRY_URL = string("bolt", "registry_url", c -> c.bolt().registryUrl());

    static final ConfigKey LOGGING_LEVEL = string("logging", "level", c -> c.logging().level());
    static final ConfigKey LOGGING_FORMAT = string("logging", "format", c -> c.logging().format());

    static final ConfigKey METRICS_ENABLED = bool("metrics", "enabled", c -> c.metrics().enabled());
    static final ConfigKey METRICS_ENDPOINT = string("metrics", "endpoint", c -> c.metrics().endpoint());

    /** Every key this server uses, in render order. */
    static final List<ConfigKey> ALL = List.of(
            SERVER_BIND_ADDR, SERVER_UI_ADDR, SERVER_WORKERS, SERVER_MAX_CONNECTIONS,
            AUTH_MODE, AUTH_JWT_SECRET, AUTH_TOKEN_EXPIRY_HOURS,
            AUTH_BASIC_USERS,
            STORAGE_BACKEND, STORAGE_PATH,
            S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_PATH_STYLE, S3_PREFIX, S3_ACCESS_KEY, S3_SECRET_KEY, S3_CA_FILE,
            S3_REDIRECT,
            DATABASE_BACKEND, DATABASE_SQLITE_PATH, DATABASE_POSTGRES_URL, DATABASE_ZQLITE_URL,
            ZQLITE_ENABLE_ENCRYPTION, ZQLITE_ENCRYPTION_KEY, ZQLITE_ENABLE_SIGNATURES, ZQLITE_ENABLE_ZKP,
            REGISTRY_MAX_UPLOAD_SIZE_MB, REGISTRY_RATE_LIMIT_PER_HOUR, REGISTRY_IMMUTABLE_TAGS, REGISTRY_MIN_AGE_DAYS,
            REGISTRY_GC_INTERVAL,
            BOLT_ENABLE_PROFILE_VALIDATION, BOLT_ENABLE_PLUGIN_SANDBOX, BOLT_AUTO_UPDATE_PROFILES, BOLT_REGISTRY_URL,
            LOGGING_LEVEL, LOGGING_FORMAT,
            METRICS_ENABLED, METRICS_ENDPOINT);

    /**
     * Keys of the upstream Drift sample file for features this server does not have (TLS is
     * terminated in front of it, OIDC, GhostBay storage). They parse, so the upstream file
     * works unchanged, and each one shows up in {@link DriftConfig#warnings()}.
     */
    static final List<ConfigKey> UPSTREAM_IGNORED = List.of(
            ignored("auth.oidc", "issuer", STRING, PLAIN),
            ignored("auth.oidc", "client_id", STRING, PLAIN),
            ignored("auth.oidc", "client_secret", STRING, SECRET),
            ignored("storage.ghostbay", "endpoint", STRING, PLAIN),
            ignored("storage.ghostbay", "bucket", STRING, PLAIN),
            ignored("ghostbay", "enable_s3_compat", BOOLEAN, PLAIN),
            ignored("ghostbay", "storage_engine", STRING, PLAIN),
            ignored("ghostbay", "max_object_size_gb", INTEGER, PLAIN),
            ignored("tls", "cert_file", STRING, PLAIN),
            ignored("tls", "key_file", STRING, PLAIN));

    private ConfigKeys() {
    }

    /** A used or ignored key by its dotted name. */
    static Optional<ConfigKey> find(String dotted) {
        return Stream.concat(ALL.stream(), UPSTREAM_IGNORED.stream())
                .filter(key -> key.dotted().equals(dotted))
                .findFirst();
    }

    /** A key this server uses, by its dotted name. */
    static Optional<ConfigKey> used(String dotted) {
        return ALL.stream().filter(key -> key.dotted().equals(dotted)).findFirst();
    }

    /** True for {@code server}, {@code database.zqlite}, {@code tls}, ...: every table a key lives in. */
    static boolean isSection(String dotted) {
        return Stream.concat(ALL.stream(), UPSTREAM_IGNORED.stream())
                .anyMatch(key -> key.section().equals(dotted) || key.section().startsWith(dotted + "."));
    }

    private static ConfigKey key(String section, String name, ValueType type, Sensitivity sensitivity,
                                 Function<DriftConfig, Object> current) {
        return new ConfigKey(section, name, type, sensitivity, 0, 0, current);
    }

    private static ConfigKey string(String section, String name, Function<DriftConfig, Object> current) {
        return key(section, name, STRING, PLAIN, current);
    }

    private static ConfigKey bool(String section, String name, Function<DriftConfig, Object> current) {
        return key(section, name, BOOLEAN, PLAIN, current);
    }

    private static ConfigKey integer(String section, String name, long min, long max,
                                     Function<DriftConfig, Object> current) {
        return new ConfigKey(section, name, INTEGER, PLAIN, min, max, current);
    }

    private static ConfigKey ignored(String section, String name, ValueType type, Sensitivity sensitivity) {
        return new ConfigKey(section, name, type, sensitivity, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }
}
