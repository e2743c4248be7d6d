package dev.drift.ops.cli.suite;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.suite.SuiteResult.Outcome;
import dev.drift.ops.cli.suite.SuiteResult.TestResult;
import dev.drift.ops.e2e.E2eRunner;
import dev.drift.ops.e2e.E2eSummary;
import dev.drift.ops.e2e.E2eTarget;
import java.nio.file.Path;
import java.util.List;

/** The e2e module's suite, run in this JVM through its {@link E2eRunner} (JUnit Platform Launcher). */
final class JUnitE2eSuite implements E2eSuite {

    @Override
    public SuiteResult run(SuiteTarget target, Path reportDir, List<String> tags) {
        E2eSummary summary;
        try {
            E2eTarget e2eTarget = target.user() == null
                    ? E2eTarget.anonymous(target.url())
                    : E2eTarget.withCredentials(target.url(), target.user(), target.password().reveal());
            summary = E2eRunner.run(e2eTarget, tags, reportDir);
        } catch (IllegalArgumentException e) {
            // A URL the suite cannot use or an unknown tag; the suite's messages never repeat a password.
            throw CliException.usage(e.getMessage());
        }
        return new SuiteResult(summary.results().stream().map(JUnitE2eSuite::result).toList());
    }

    private static TestResult result(E2eSummary.TestResult test) {
        String className = test.className().substring(test.className().lastIndexOf('.') + 1);
        Outcome outcome = switch (test.status()) {
            case PASSED -> Outcome.PASSED;
            case FAILED -> Outcome.FAILED;
            case SKIPPED -> Outcome.SKIPPED;
        };
        String message = test.message() == null ? "" : test.message().strip().replaceAll("\\s*\\R\\s*", " ");
        return new TestResult(className + " > " + test.name(), outcome, message);
    }
}
