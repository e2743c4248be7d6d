package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.suite.E2eSuite;
import dev.drift.ops.cli.suite.SuiteResult;
import dev.drift.ops.cli.suite.SuiteResult.Outcome;
import dev.drift.ops.cli.suite.SuiteResult.TestResult;
import dev.drift.ops.cli.suite.SuiteTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code test} reports: the suite is replaced by a recording double here because these tests
 * are about the command's tables, totals and exit codes, not about a registry.
 */
class TestCommandTest {

    @TempDir
    Path reports;

    private final List<SuiteTarget> targets = new ArrayList<>();

    private CliRun runWith(List<TestResult> results, String... args) {
        E2eSuite recording = (target, reportDir, tags) -> {
            targets.add(target);
            return new SuiteResult(results);
        };
        List<String> all = new ArrayList<>(List.of("test", "--reports", reports.toString()));
        all.addAll(List.of(args));
        return CliRun.of(commandLine -> ((TestCommand) commandLine.getSubcommands().get("test").getCommand())
                .suite = recording, all.toArray(String[]::new));
    }

    @Test
    void allPassingEndsWithTheTotalsAndExitsZero() {
        CliRun run = runWith(List.of(new TestResult("pull", Outcome.PASSED, ""),
                new TestResult("push", Outcome.PASSED, ""), new TestResult("auth", Outcome.SKIPPED, "no login")),
                "--url", "http://127.0.0.1:9");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("BACKEND  PASSED  FAILED  SKIPPED", "url      2       0       1");
        assertThat(run.out().lines().toList().getLast()).isEqualTo("2 passed, 0 failed, 1 skipped");
        assertThat(targets).singleElement().satisfies(target -> {
            assertThat(target.url()).isEqualTo("http://127.0.0.1:9");
            assertThat(target.user()).isNull();
        });
    }

    @Test
    void aFailureIsListedWithItsReasonAndExitsOne() {
        CliRun run = runWith(List.of(new TestResult("pull", Outcome.PASSED, ""),
                new TestResult("push", Outcome.FAILED, "expected 201, got 500")), "--url", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(run.out()).contains("url: failed: push — expected 201, got 500");
        assertThat(run.out().lines().toList().getLast()).isEqualTo("1 passed, 1 failed, 0 skipped");
    }

    @Test
    void aRunWithoutAnyTestIsAFailure() {
        CliRun run = runWith(List.of(new TestResult("auth", Outcome.SKIPPED, "no login")), "--url", "http://127.0.0.1:9",
                "--tags", "auth");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(run.out()).contains("no test ran");
        assertThat(run.out().lines().toList().getLast()).isEqualTo("0 passed, 1 failed, 1 skipped");
    }

    @Test
    void aUserNeedsItsPasswordInTheNamedVariable() {
        CliRun run = runWith(List.of(), "--url", "http://127.0.0.1:9", "--user", "drift",
                "--password-env", "DRIFT_OPS_TEST_UNSET_VARIABLE");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("$DRIFT_OPS_TEST_UNSET_VARIABLE");
        assertThat(targets).isEmpty();
    }

    @Test
    void zqliteWithoutAServerIsRefusedAndSkippedInAll() {
        CliRun zqlite = runWith(List.of(), "--backend", "zqlite");
        assertThat(zqlite.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zqlite.err()).contains("cannot run on --target local", "needs a running ZQLite server", "--zqlite-url");
    }

    @Test
    void unknownBackendNamesTheChoices() {
        CliRun run = runWith(List.of(), "--backend", "mysql");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("must be all or one of sqlite, postgres, zqlite");
    }
}
