package dev.drift.ops.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.Secret;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerConfigTest {

    private static final String USER = "drift:$2a$10$abcdefghijklmnopqrstuuJ1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";

    @Test
    void postgresGetsNoUrlInTheFileAndLoadsWithTheUrlFromTheEnvironment() throws Exception {
        Secret url = Secret.of("postgres://drift:pw-in-a-file@drift-dev-postgres:5432/drift");
        String text = ContainerConfig.of(DatabaseBackend.POSTGRES, USER, Optional.of(url), Optional.empty()).render();
        assertThat(text).contains("backend = \"postgres\"", "postgres_url = \"\"", "bind_addr = \"0.0.0.0:5000\"",
                "path = \"/var/lib/drift/blobs\"").doesNotContain("pw-in-a-file");
        DriftConfig loaded = DriftConfig.parse(text, "drift.toml", Map.of("DRIFT_DATABASE_POSTGRES_URL", url.reveal()));
        assertThat(loaded.database().postgresUrl()).isEqualTo(url);
    }

    @Test
    void zqlitePointsAtTheGivenServer() throws Exception {
        String text = ContainerConfig.of(DatabaseBackend.ZQLITE, USER, Optional.empty(),
                Optional.of("zqlite://drift-dev-zqlite:5433/drift")).render();
        assertThat(text).contains("backend = \"zqlite\"", "zqlite_url = \"zqlite://drift-dev-zqlite:5433/drift\"");
    }

    @Test
    void sqliteKeepsItsDatabaseOnTheDataVolume() throws Exception {
        String text = ContainerConfig.of(DatabaseBackend.SQLITE, USER, Optional.empty(), Optional.empty()).render();
        assertThat(text).contains("sqlite_path = \"/var/lib/drift/drift.db\"", "mode = \"basic\"");
    }
}
