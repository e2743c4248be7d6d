package dev.drift.ops.cli.suite;

import java.util.List;

/** The outcome of one suite run: every test with its result. */
public record SuiteResult(List<TestResult> tests) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    /** One test; {@code message} says why it failed or was skipped, empty when it passed. */
    public record TestResult(String name, Outcome outcome, String message) {
    }

    public SuiteResult {
        tests = List.copyOf(tests);
    }

    public long count(Outcome outcome) {
        return tests.stream().filter(test -> test.outcome() == outcome).count();
    }
}
