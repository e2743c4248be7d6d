package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code DriftConfig.with}, behind {@code drift-ops --set key=value}. */
class WithTest {

    @Test
    void setsValuesPerType() throws ConfigException {
        DriftConfig config = DriftConfig.defaults()
                .with("server.workers", "8")
                .with("metrics.enabled", "false")
                .with("registry.immutable_tags", "prod, stable")
                .with("storage.path", "/srv/drift")
                .with("database.zqlite.enable_zkp", "true");
        assertThat(config.server().workers()).isEqualTo(8);
        assertThat(config.metrics().enabled()).isFalse();
        assertThat(config.registry().immutableTags()).containsExactly("prod", "stable");
        assertThat(config.storage().path()).isEqualTo(Path.of("/srv/drift"));
        assertThat(config.database().zqlite().enableZkp()).isTrue();
    }

    @Test
    void leavesTheOriginalUnchanged() throws ConfigException {
        DriftConfig defaults = DriftConfig.defaults();
        defaults.with("server.workers", "99");
        assertThat(defaults).isEqualTo(DriftConfig.defaults());
    }

    @Test
    void switchingBackendNeedsItsUrl() throws ConfigException {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> DriftConfig.defaults().with("database.backend", "postgres"));
        assertThat(error.getMessage())
                .isEqualTo("--set database.backend: [database] postgres_url: required when backend = \"postgres\"");
        assertThat(error.key()).isEqualTo("database.postgres_url");
        assertThat(error.line()).isZero();

        DriftConfig postgres = DriftConfig.defaults()
                .with("database.postgres_url", "postgres://drift:pw@127.0.0.1:5432/drift")
                .with("database.backend", "postgres");
        assertThat(postgres.database().backend()).isEqualTo(DatabaseBackend.POSTGRES);
    }

    @Test
    void badValueNamesTheKey() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> DriftConfig.defaults().with("server.workers", "four"));
        assertThat(error.getMessage()).isEqualTo("--set server.workers: [server] workers: expected an integer");
    }

    @Test
    void badSecretIsNotEchoed() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> DriftConfig.defaults().with("database.zqlite.enable_encryption", "true")
                        .with("database.zqlite.encryption_key", "tooshort-secret"));
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).doesNotContain("tooshort-secret");
    }

    @Test
    void unknownAndIgnoredKeysAreRejected() {
        for (String key : new String[] {"server.colour", "tls.cert_file", "workers"}) {
            ConfigException error = catchThrowableOfType(ConfigException.class,
                    () -> DriftConfig.defaults().with(key, "x"));
            assertThat(error.getMessage()).isEqualTo("--set " + key + ": unknown key");
            assertThat(error.key()).isEqualTo(key);
        }
    }

    @Test
    void usersAreCommaSeparated() throws ConfigException {
        DriftConfig config = DriftConfig.defaults().with("auth.basic.users", "admin:$2y$10$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW,ci:pw")
                .with("auth.mode", "basic");
        assertThat(config.auth().basicUsers()).extracting(BasicUser::name).containsExactly("admin", "ci");
        assertThat(config.auth().basicUsers().get(0).isBcrypt()).isTrue();
        assertThat(config.warnings()).containsExactly(
                "[auth.basic] users: user 'ci' has a plain-text password; use a bcrypt hash");
    }
}
