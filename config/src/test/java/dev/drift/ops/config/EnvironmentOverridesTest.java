package dev.drift.ops.config;

import static dev.drift.ops.config.ConfigErrors.parseError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentOverridesTest {

    private static final String KEY_32 = "0123456789abcdef0123456789abcdef";

    @Test
    void overridesFileValues() throws ConfigException {
        DriftConfig config = DriftConfig.parse("[server]\nbind_addr = \"0.0.0.0:5000\"\n", "drift.toml",
                Map.of("DRIFT_SERVER_BIND_ADDR", "127.0.0.1:6000", "DRIFT_SERVER_WORKERS", "3",
                        "DRIFT_METRICS_ENABLED", "FALSE"));
        assertThat(config.server().bindAddr()).isEqualTo("127.0.0.1:6000");
        assertThat(config.server().port()).isEqualTo(6000);
        assertThat(config.server().workers()).isEqualTo(3);
        assertThat(config.metrics().enabled()).isFalse();
    }

    @Test
    void backendAndUrlFromEnvironmentValidateTogether() throws ConfigException {
        DriftConfig config = DriftConfig.parse("", "drift.toml", Map.of(
                "DRIFT_DATABASE_BACKEND", "postgres",
                "DRIFT_DATABASE_POSTGRES_URL", "postgres://drift:pw@127.0.0.1:5432/drift"));
        assertThat(config.database().backend()).isEqualTo(DatabaseBackend.POSTGRES);
        assertThat(config.database().postgresUrl().reveal()).isEqualTo("postgres://drift:pw@127.0.0.1:5432/drift");
    }

    @Test
    void nestedSectionAndListVariables() throws ConfigException {
        DriftConfig config = DriftConfig.parse("", "drift.toml", Map.of(
                "DRIFT_DATABASE_BACKEND", "zqlite",
                "DRIFT_DATABASE_ZQLITE_URL", "zqlite://127.0.0.1:5433/drift",
                "DRIFT_DATABASE_ZQLITE_ENABLE_ENCRYPTION", "true",
                "DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY", KEY_32,
                "DRIFT_AUTH_MODE", "basic",
                "DRIFT_AUTH_BASIC_USERS", "admin:$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW, ci:plainpw",
                "DRIFT_REGISTRY_IMMUTABLE_TAGS", ""));
        assertThat(config.database().zqliteUrl()).isEqualTo("zqlite://127.0.0.1:5433/drift");
        assertThat(config.database().zqlite().encryptionKey().reveal()).isEqualTo(KEY_32);
        assertThat(config.auth().basicUsers()).extracting(BasicUser::name).containsExactly("admin", "ci");
        assertThat(config.registry().immutableTags()).isEmpty();
    }

    @Test
    void unrelatedVariablesAreIgnored() throws ConfigException {
        DriftConfig config = DriftConfig.parse("", "drift.toml",
                Map.of("DRIFT_IMAGE", "drift:latest", "DRIFT_SERVER_COLOUR", "blue", "PATH", "/usr/bin",
                        "DRIFT_TLS_CERT_FILE", "/etc/drift.crt"));
        assertThat(config).isEqualTo(DriftConfig.defaults());
    }

    @Test
    void badValueNamesTheVariable() {
        ConfigException error = parseError("", Map.of("DRIFT_SERVER_WORKERS", "four"));
        assertThat(error.getMessage())
                .isEqualTo("environment variable DRIFT_SERVER_WORKERS: [server] workers: expected an integer");
        assertThat(error.key()).isEqualTo("server.workers");
        assertThat(error.line()).isZero();
    }

    @Test
    void invalidValueFromEnvironmentNamesTheVariable() {
        ConfigException error = parseError("[database]\nbackend = \"sqlite\"\n",
                Map.of("DRIFT_DATABASE_BACKEND", "mysql"));
        assertThat(error.getMessage()).startsWith("environment variable DRIFT_DATABASE_BACKEND: [database] backend:");
        assertThat(error.line()).isZero();
    }

    @Test
    void missingUrlForBackendFromEnvironmentPointsAtTheVariable() {
        ConfigException error = parseError("", Map.of("DRIFT_DATABASE_BACKEND", "postgres"));
        assertThat(error.getMessage()).startsWith("environment variable DRIFT_DATABASE_BACKEND: [database] postgres_url:");
        assertThat(error.key()).isEqualTo("database.postgres_url");
    }

    @Test
    void badSecretFromEnvironmentIsNotEchoed() {
        String key = "x".repeat(31);
        ConfigException error = parseError("", Map.of("DRIFT_DATABASE_ZQLITE_ENABLE_ENCRYPTION", "true",
                "DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY", key));
        assertThat(error.getMessage())
                .startsWith("environment variable DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY: [database.zqlite] encryption_key:")
                .doesNotContain(key);
    }

    @Test
    void fileVariableReadsTheValueFromTheFile(@TempDir Path dir) throws ConfigException, IOException {
        Path secret = Files.writeString(dir.resolve("postgres_url"), "postgres://drift:s3cret@db:5432/drift\n");
        DriftConfig config = DriftConfig.parse("", "drift.toml", Map.of(
                "DRIFT_DATABASE_BACKEND", "postgres",
                "DRIFT_DATABASE_POSTGRES_URL_FILE", secret.toString()));
        assertThat(config.database().postgresUrl().reveal()).isEqualTo("postgres://drift:s3cret@db:5432/drift");
    }

    @Test
    void fileVariableAndPlainVariableTogetherAreRefused(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("key"), KEY_32);
        ConfigException error = parseError("", Map.of("DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY", KEY_32,
                "DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY_FILE", secret.toString()));
        assertThat(error.getMessage()).contains("DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY and "
                + "DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY_FILE").doesNotContain(KEY_32);
    }

    @Test
    void unreadableFileNamesTheVariableAndPath(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        ConfigException error = parseError("", Map.of("DRIFT_AUTH_JWT_SECRET_FILE", missing.toString()));
        assertThat(error.getMessage()).isEqualTo("environment variable DRIFT_AUTH_JWT_SECRET_FILE: cannot read "
                + missing + " (NoSuchFileException)");
        assertThat(error.key()).isEqualTo("auth.jwt_secret");
    }

    @Test
    void everyKeyHasItsOwnVariable() {
        Set<String> names = new HashSet<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            assertThat(names.add(key.envVar())).as(key.envVar()).isTrue();
        }
        assertThat(names).contains("DRIFT_DATABASE_ZQLITE_URL", "DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY",
                "DRIFT_AUTH_BASIC_USERS", "DRIFT_SERVER_BIND_ADDR");
        assertThat(List.copyOf(names)).hasSize(ConfigKeys.ALL.size());
    }
}
