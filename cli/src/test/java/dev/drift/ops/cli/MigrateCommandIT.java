package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drift-ops migrate} driving the registry's migration tool in drift-registry.jar. */
class MigrateCommandIT {

    /** A real {@code sqlite3 .dump} of a filled Drift database, kept with the registry's migration tests. */
    private static final Path SQLITE_DUMP = Path.of("..", "registry", "src", "test", "resources", "dumps", "sqlite.dump");

    @TempDir
    Path temp;

    @Test
    void importsADumpIntoSqliteVerifiedWithProgressPerTable() {
        Path target = temp.resolve("drift.db").toAbsolutePath();
        CliRun run = CliRun.of("migrate", "--from-dump", SQLITE_DUMP.toAbsolutePath().toString(), "--format", "sqlite",
                "--to", "sqlite://" + target, "--verify");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("manifests").contains("bolt_items").containsPattern("copied [1-9]\\d* rows in \\d+ tables, verified");

        CliRun again = CliRun.of("migrate", "--from-dump", SQLITE_DUMP.toAbsolutePath().toString(), "--format", "sqlite",
                "--to", "sqlite://" + target);
        assertThat(again.exitCode()).as("a non-empty target is refused without --force").isEqualTo(ExitCodes.MIGRATION_FAILED);
        assertThat(again.err()).contains("--force");
    }

    @Test
    void missingOptionsAreAUsageErrorWithTheToolsUsage() {
        CliRun run = CliRun.of("migrate");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--from").contains("--to URL");
    }

    @Test
    void helpListsTheToolsOptions() {
        CliRun run = CliRun.of("migrate", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--from-dump FILE --format sqlite|postgres").contains("--verify").contains("Exit code");
    }
}
