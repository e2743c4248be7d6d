package dev.drift.ops.config;

import static dev.drift.ops.config.ConfigKeys.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a converted config must follow, in render order so the first problem in the file is
 * the one reported. An error about a value nobody set (a missing URL) points at the setting that
 * made it required (the backend).
 */
final class ConfigValidator {

    private static final Pattern ZQLITE_PATH = Pattern.compile("/[^/]+");

    private final Settings settings;

    private ConfigValidator(Settings settings) {
        this.settings = settings;
    }

    static void validate(DriftConfig config, Settings settings) throws ConfigException {
        ConfigValidator validator = new ConfigValidator(settings);
        validator.server(config.server());
        validator.auth(config.auth());
        validator.storage(config.storage());
        validator.database(config.database());
        validator.registry(config.registry());
        validator.bolt(config.bolt());
        validator.oneOf(LOGGING_LEVEL, config.logging().level(), LoggingConfig.LEVELS);
        validator.oneOf(LOGGING_FORMAT, config.logging().format(), LoggingConfig.FORMATS);
        validator.require(config.metrics().endpoint().startsWith("/"), METRICS_ENDPOINT,
                "must start with \"/\", got \"" + config.metrics().endpoint() + "\"");
    }

    private void server(ServerConfig server) throws ConfigException {
        hostPort(SERVER_BIND_ADDR, server.bindAddr());
        hostPort(SERVER_UI_ADDR, server.uiAddr());
    }

    private void hostPort(ConfigKey key, String value) throws ConfigException {
        try {
            HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw settings.origin(key).error(key, e.getMessage());
        }
    }

    private void auth(AuthConfig auth) throws ConfigException {
        oneOf(AUTH_MODE, auth.mode(), AuthConfig.MODES);
        if (auth.mode().equals("token") && auth.jwtSecret().isEmpty()) {
            throw settings.origin(AUTH_JWT_SECRET, AUTH_MODE).error(AUTH_JWT_SECRET, "required when mode = \"token\"");
        }
        if ((auth.mode().equals("basic") || auth.mode().equals("token")) && auth.basicUsers().isEmpty()) {
            // In token mode the token endpoint checks these users' logins before it issues a token.
            throw settings.origin(AUTH_BASIC_USERS, AUTH_MODE)
                    .error(AUTH_BASIC_USERS, "mode = \"" + auth.mode() + "\" needs at least one user");
        }
        Set<String> names = new HashSet<>();
        List<BasicUser> users = auth.basicUsers();
        for (int i = 0; i < users.size(); i++) {
            if (!names.add(users.get(i).name())) {
                throw settings.elementOrigin(AUTH_BASIC_USERS, i)
                        .error(AUTH_BASIC_USERS, "user '" + users.get(i).name() + "' is listed more than once");
            }
            // Checked at start: a hash bcrypt cannot read would only show up as that user's logins failing.
            if (users.get(i).isBcrypt() && !BcryptHashFormat.isWellFormed(users.get(i).secret().reveal())) {
                throw settings.elementOrigin(AUTH_BASIC_USERS, i).error(AUTH_BASIC_USERS, "user '"
                        + users.get(i).name() + "' has a malformed bcrypt hash: " + BcryptHashFormat.expectation());
            }
        }
    }

    private void storage(StorageConfig storage) throws ConfigException {
        oneOf(STORAGE_BACKEND, storage.backend(), StorageConfig.BACKENDS);
        if (storage.isS3()) {
            s3(storage.s3());
        } else {
            require(!storage.path().toString().isEmpty(), STORAGE_PATH, "must not be empty");
        }
    }

    private void s3(S3Config s3) throws ConfigException {
        if (s3.endpoint().isEmpty()) {
            throw requiredForS3(S3_ENDPOINT);
        }
        require(hasSchemeAndHost(s3.endpoint(), "http", "https"), S3_ENDPOINT,
                "must be an http:// or https:// URL with a host, got \"" + Redaction.url(s3.endpoint()) + "\"");
        if (s3.bucket().isEmpty()) {
            throw requiredForS3(S3_BUCKET);
        }
        require(!s3.region().isEmpty(), S3_REGION, "must not be empty (SeaweedFS and MinIO take any, e.g. us-east-1)");
        // Both or neither: one alone would sign with half a credential, which no server accepts.
        require(s3.accessKey().isEmpty() == s3.secretKey().isEmpty(), s3.accessKey().isEmpty() ? S3_ACCESS_KEY
                : S3_SECRET_KEY, "access_key and secret_key go together: set both or neither");
        // A presigned URL is signed with the keys; an anonymous one would be refused by any server that needs them.
        require(!s3.redirect() || !s3.accessKey().isEmpty(), S3_REDIRECT,
                "redirect = true needs access_key and secret_key to sign the URLs it sends clients to");
    }

    private ConfigException requiredForS3(ConfigKey key) {
        return settings.origin(key, STORAGE_BACKEND).error(key, "required when backend = \"s3\"");
    }

    private void database(DatabaseConfig database) throws ConfigException {
        DatabaseBackend backend = database.backend();
        if (backend == DatabaseBackend.SQLITE && database.sqlitePath().toString().isEmpty()) {
            throw requiredFor(DATABASE_SQLITE_PATH, backend);
        }
        String postgresUrl = database.postgresUrl().reveal();
        if (postgresUrl.isEmpty() && backend == DatabaseBackend.POSTGRES) {
            throw requiredFor(DATABASE_POSTGRES_URL, backend);
        }
        require(postgresUrl.isEmpty() || isPostgresUrl(postgresUrl), DATABASE_POSTGRES_URL,
                "must be a postgres:// or postgresql:// URL with a host, got \"" + Redaction.url(postgresUrl) + "\"");
        String zqliteUrl = database.zqliteUrl();
        if (zqliteUrl.isEmpty() && backend == DatabaseBackend.ZQLITE) {
            throw requiredFor(DATABASE_ZQLITE_URL, backend);
        }
        require(zqliteUrl.isEmpty() || isZqliteUrl(zqliteUrl), DATABASE_ZQLITE_URL,
                "must be zqlite://host:port/db, got \"" + zqliteUrl + "\"");
        zqlite(database.zqlite());
    }

    private ConfigException requiredFor(ConfigKey key, DatabaseBackend backend) {
        return settings.origin(key, DATABASE_BACKEND).error(key, "required when backend = \"" + backend.id() + "\"");
    }

    private void zqlite(ZqliteConfig zqlite) throws ConfigException {
        int bytes = zqlite.encryptionKey().reveal().getBytes(StandardCharsets.UTF_8).length;
        if (zqlite.enableEncryption() && bytes != ZqliteConfig.ENCRYPTION_KEY_BYTES) {
            throw settings.origin(ZQLITE_ENCRYPTION_KEY, ZQLITE_ENABLE_ENCRYPTION).error(ZQLITE_ENCRYPTION_KEY,
                    "must be exactly " + ZqliteConfig.ENCRYPTION_KEY_BYTES
                            + " bytes (UTF-8) when enable_encryption = true, got " + bytes);
        }
    }

    private void registry(RegistryConfig registry) throws ConfigException {
        List<String> tags = registry.immutableTags();
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).isBlank()) {
                throw settings.elementOrigin(REGISTRY_IMMUTABLE_TAGS, i)
                        .error(REGISTRY_IMMUTABLE_TAGS, "entry " + (i + 1) + " is empty");
            }
        }
    }

    private void bolt(BoltConfig bolt) throws ConfigException {
        String url = bolt.registryUrl();
        require(url.isEmpty() || hasSchemeAndHost(url, "http", "https"), BOLT_REGISTRY_URL,
                "must be empty or an http:// or https:// URL, got \"" + url + "\"");
    }

    private void oneOf(ConfigKey key, String value, List<String> allowed) throws ConfigException {
        require(allowed.contains(value), key,
                "must be one of " + String.join(", ", allowed) + ", got \"" + value + "\"");
    }

    private void require(boolean condition, ConfigKey key, String detail) throws ConfigException {
        if (!condition) {
            throw settings.origin(key).error(key, detail);
        }
    }

    private static boolean isPostgresUrl(String url) {
        return hasSchemeAndHost(url, "postgres", "postgresql");
    }

    private static boolean isZqliteUrl(String url) {
        URI uri = parse(url);
        return uri != null && hasSchemeAndHost(url, "zqlite") && uri.getRawUserInfo() == null
                && uri.getPort() >= 1 && uri.getPort() <= 65535
                && uri.getRawPath() != null && ZQLITE_PATH.matcher(uri.getRawPath()).matches()
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
    }

    private static boolean hasSchemeAndHost(String url, String... schemes) {
        URI uri = parse(url);
        return uri != null && uri.getScheme() != null && List.of(schemes).contains(uri.getScheme()) && uri.getHost() != null;
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
