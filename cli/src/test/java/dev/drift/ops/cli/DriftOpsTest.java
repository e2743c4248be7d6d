package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.deploy.ProjectVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-level command: help, version, completion, and how failures are reported. */
class DriftOpsTest {

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("render", "up", "status", "down", "logs", "test", "bench", "generate-completion",
                "--verbose", "--quiet", "--version", "Exit codes:", "4   an image, a backend or the registry");
    }

    @Test
    void everySubcommandHasHelpWithTheInheritedOptionsAndTheExitCodes() {
        for (String command : new String[] {"render", "up", "status", "down", "logs", "test", "bench"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).as(command).contains("drift-ops " + command, "--verbose", "--quiet", "--help",
                    "Exit codes:");
        }
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("drift-ops ").contains("Java ");
    }

    @Test
    void generatesABashCompletionScriptThatKnowsTheCommands() {
        CliRun run = CliRun.of("generate-completion");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("complete -F", "drift-ops", "render", "status", "--backend");
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        CliRun run = CliRun.of("up", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "drift-ops up: Unknown option: '--no-such-option' (see 'drift-ops up --help')");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("a command is required");
    }

    @Test
    void badBackendNamesTheChoices() {
        CliRun run = CliRun.of("render", "--backend", "mysql");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("sqlite, postgres, zqlite", "mysql");
    }

    @Test
    void failuresShowStackTracesOnlyWithVerbose(@TempDir Path dir) {
        CliRun quiet = CliRun.of("status", "--data-dir", dir.toString());
        CliRun verbose = CliRun.of("--verbose", "status", "--data-dir", dir.toString());
        assertThat(quiet.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(quiet.err().lines()).hasSize(1);
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
        assertThat(verbose.err()).contains("CliException", "\tat ");
    }

    @Test
    void verboseIsAcceptedAfterTheSubcommandToo(@TempDir Path dir) {
        CliRun run = CliRun.of("status", "--data-dir", dir.toString(), "--verbose");
        assertThat(run.err()).contains("\tat ");
    }
}
