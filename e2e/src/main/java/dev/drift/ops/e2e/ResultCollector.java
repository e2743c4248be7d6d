package dev.drift.ops.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import dev.drift.ops.e2e.E2eSummary.Status;
import dev.drift.ops.e2e.E2eSummary.TestResult;

/**
 * Collects a {@link TestResult} per test as the launcher reports them. A class whose setup or
 * cleanup fails gets a result of its own, so a failure outside any one test still counts.
 */
final class ResultCollector implements TestExecutionListener {

    private final List<TestResult> results = new ArrayList<>();

    E2eSummary summary() {
        return new E2eSummary(results);
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest() || isClass(test)) {
            results.add(new TestResult(className(test), name(test), Status.SKIPPED, reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            results.add(new TestResult(className(test), name(test), status(result), message(result)));
        } else if (isClass(test) && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            results.add(new TestResult(className(test), "(class setup or cleanup)", status(result), message(result)));
        }
    }

    private static boolean isClass(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private static Status status(TestExecutionResult result) {
        return switch (result.getStatus()) {
            case SUCCESSFUL -> Status.PASSED;
            case FAILED -> Status.FAILED;
            case ABORTED -> Status.SKIPPED; // a failed assumption: the test could not run here
        };
    }

    private static String message(TestExecutionResult result) {
        Optional<Throwable> failure = result.getThrowable();
        return failure.map(t -> t.getMessage() != null ? t.getMessage() : t.toString()).orElse(null);
    }

    private static String className(TestIdentifier test) {
        return test.getSource().map(source -> switch (source) {
            case MethodSource method -> simpleName(method.getClassName());
            case ClassSource type -> simpleName(type.getClassName());
            default -> test.getDisplayName();
        }).orElse(test.getDisplayName());
    }

    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance)
                .map(source -> ((MethodSource) source).getMethodName())
                .orElse(test.getDisplayName());
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
