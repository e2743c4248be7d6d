package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up, status, down and logs where nothing needs to start: refusals and empty data directories. */
class InstanceCommandsTest {

    @TempDir
    Path dir;

    @Test
    void statusWithNothingStartedIsNotRunning() {
        CliRun run = CliRun.of("status", "--data-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(run.err()).contains("no Drift started by drift-ops in " + dir);
    }

    @Test
    void logsWithoutALogIsNotRunning() {
        CliRun run = CliRun.of("logs", "--data-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(run.err()).contains("no registry log");
    }

    @Test
    void logsPrintsTheLastLinesOfTheLogAfterDown() throws Exception {
        Files.writeString(dir.resolve("registry.log"), "one\ntwo\nthree\n");
        CliRun run = CliRun.of("logs", "--data-dir", dir.toString(), "-n", "2");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("two\nthree\n");
    }

    @Test
    void downWithNothingRunningSucceedsAndKeepsForeignDirectories() throws Exception {
        Files.writeString(dir.resolve("precious.txt"), "keep me");
        CliRun run = CliRun.of("down", "--purge", "--data-dir", dir.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("nothing to stop");
        assertThat(dir.resolve("precious.txt")).exists();
    }

    @Test
    void zqliteWithoutAServerSaysWhatIsMissingAndTouchesNothing() {
        Path dataDir = dir.resolve("data");
        CliRun run = CliRun.of("up", "--backend", "zqlite", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .contains("needs a running ZQLite server", "--zqlite-url", "never stands another database up");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aPasswordInThePostgresUrlIsRefused() {
        CliRun run = CliRun.of("up", "--backend", "postgres", "--postgres-url", "postgres://drift:pw123@db/drift",
                "--data-dir", dir.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("must not contain the password", "DRIFT_POSTGRES_PASSWORD")
                .doesNotContain("pw123");
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        CliRun run = CliRun.of("up", "--port", "70000", "--data-dir", dir.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--port must be 1..65535");
    }

    @Test
    void unknownTargetIsAUsageError() {
        CliRun run = CliRun.of("up", "--target", "mars", "--data-dir", dir.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown target \"mars\"", "[local, docker, k8s]");
    }
}
