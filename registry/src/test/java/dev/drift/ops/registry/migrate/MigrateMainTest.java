package dev.drift.ops.registry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: what it accepts, what it refuses, and that no password is ever taken from or shown in a URL. */
class MigrateMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void copiesBetweenSqliteFilesGivenAsPlainPathsAndReportsTheTotal() {
        Path source = dir.resolve("source.db");
        try (SqlMetadataStore store = SqlMetadataStore.openSqlite(source)) {
            MetadataFill.fill(store);
        }

        assertThat(run(Map.of(), "--from", source.toString(), "--to", dir.resolve("copy.db").toString(), "--verify"))
                .isZero();
        assertThat(out()).contains("drift-migrate: from sqlite://" + source)
                .contains("drift-migrate: copied 46 rows in 9 tables, verified");
    }

    @Test
    void aPasswordInAUrlIsRefusedWithoutBeingRepeated() {
        assertThat(run(Map.of(), "--from", dir.resolve("a.db").toString(),
                "--to", "postgres://drift:s3cret-pw@127.0.0.1:5432/drift")).isEqualTo(2);

        assertThat(err()).contains("it carries a password").contains("DRIFT_TO_PASSWORD")
                .contains("postgres://****@127.0.0.1:5432/drift")
                .doesNotContain("s3cret-pw");
    }

    @Test
    void aZqliteUrlWithCredentialsIsRefusedWithoutBeingRepeated() {
        assertThat(run(Map.of(), "--from", dir.resolve("a.db").toString(),
                "--to", "zqlite://admin:s3cret-pw@127.0.0.1:5433/drift")).isEqualTo(2);

        assertThat(err()).contains("must not carry a user or password").doesNotContain("s3cret-pw");
    }

    @Test
    void usageErrorsNameTheProblemAndExitWith2() {
        assertThat(run(Map.of(), "--to", "x.db")).isEqualTo(2);
        assertThat(err()).contains("give exactly one of --from URL and --from-dump FILE").contains("usage:");

        assertThat(run(Map.of(), "--from-dump", "d.sql", "--to", "x.db")).isEqualTo(2);
        assertThat(err()).contains("--format goes with --from-dump");

        assertThat(run(Map.of(), "--from-dump", "d.sql", "--format", "mysql", "--to", "x.db")).isEqualTo(2);
        assertThat(err()).contains("--format must be sqlite or postgres, got mysql");

        assertThat(run(Map.of(), "--from", "a.db", "--to", "mysql://h/db")).isEqualTo(2);
        assertThat(err()).contains("the scheme must be sqlite://, postgres:// or zqlite://");

        assertThat(run(Map.of(), "--from", "a.db", "--to", "b.db", "--fast")).isEqualTo(2);
        assertThat(err()).contains("unknown argument --fast");
    }

    @Test
    void aMissingSourceFailsWithExit1AndCreatesNothing() {
        Path missing = dir.resolve("missing.db");

        assertThat(run(Map.of(), "--from", missing.toString(), "--to", dir.resolve("t.db").toString())).isEqualTo(1);
        assertThat(err()).contains(missing + " does not exist");
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("t.db")).doesNotExist();
    }

    @Test
    void aDumpThatIsNotADumpIsRefusedNamingTheFile() throws Exception {
        Path notADump = Files.writeString(dir.resolve("notes.sql"), "hello there;\n");

        assertThat(run(Map.of(), "--from-dump", notADump.toString(), "--format", "sqlite",
                "--to", dir.resolve("t.db").toString())).isEqualTo(1);
        assertThat(err()).contains("sqlite dump " + notADump + " has no schema_version table");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("--from-dump").contains("DRIFT_FROM_PASSWORD");
    }

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return MigrateMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
