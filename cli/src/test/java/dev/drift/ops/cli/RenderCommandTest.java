package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.config.DriftConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    private static final String PG_URL = "database.postgres_url=postgres://drift:s3cret-pw@db:5432/drift";

    @Test
    void printsSqliteDefaultsThatParseBack() throws Exception {
        CliRun run = CliRun.of("render");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        DriftConfig parsed = DriftConfig.parse(run.out(), "rendered", Map.of());
        assertThat(parsed.database().backend().id()).isEqualTo("sqlite");
    }

    @Test
    void redactsSecretsOnTheTerminal() {
        CliRun run = CliRun.of("render", "--backend", "postgres", "--set", PG_URL,
                "--set", "auth.jwt_secret=jwt-secret-value");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("backend = \"postgres\"", "postgres://drift:********@db:5432/drift")
                .doesNotContain("s3cret-pw", "jwt-secret-value");
        assertThat(run.err()).doesNotContain("s3cret-pw");
    }

    @Test
    void writesTheFullFileOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf").resolve("drift.toml");
        CliRun run = CliRun.of("render", "--backend", "postgres", "--set", PG_URL, "--out", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(file)).contains("postgres://drift:s3cret-pw@db:5432/drift");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DriftConfig.load(file, Map.of()).database().postgresUrl().reveal()).contains("s3cret-pw");
    }

    @Test
    void missingUrlForTheBackendIsAConfigErrorNamingTheKey() {
        CliRun run = CliRun.of("render", "--backend", "postgres");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("postgres_url");
    }

    @Test
    void settingsThatDependOnEachOtherWorkInAnyOrder() {
        CliRun run = CliRun.of("render", "--backend", "zqlite",
                "--set", "database.zqlite.enable_encryption=true",
                "--set", "database.zqlite.encryption_key=0123456789abcdef0123456789abcdef",
                "--set", "database.zqlite_url=zqlite://127.0.0.1:5433/drift");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("enable_encryption = true", "encryption_key = \"********\"")
                .doesNotContain("0123456789abcdef");
    }

    @Test
    void aWrongValueStillFailsWhateverTheOrder() {
        CliRun run = CliRun.of("render", "--set", "database.zqlite.encryption_key=short",
                "--set", "database.zqlite.enable_encryption=true");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("encryption_key").doesNotContain("short\"");
    }

    @Test
    void unknownKeyIsAConfigError() {
        CliRun run = CliRun.of("render", "--set", "server.no_such_key=1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("server.no_such_key");
    }

    @Test
    void setWithoutEqualsIsAUsageError() {
        CliRun run = CliRun.of("render", "--set", "logging.level");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("key=value");
    }
}
