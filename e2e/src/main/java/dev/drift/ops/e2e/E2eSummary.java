package dev.drift.ops.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one run of the suite found: a result per test, in the order they ran. */
public record E2eSummary(List<TestResult> results) {

    public enum Status { PASSED, FAILED, SKIPPED }

    private static final int MESSAGE_WIDTH = 400;

    /**
     * One test, or one class whose setup or cleanup failed (then {@code name} says so). {@code message}
     * is the failure or the reason for skipping, null for a pass.
     */
    public record TestResult(String className, String name, Status status, String message) {
    }

    public E2eSummary {
        results = List.copyOf(results);
    }

    public long passed() {
        return count(Status.PASSED);
    }

    public long failed() {
        return count(Status.FAILED);
    }

    public long skipped() {
        return count(Status.SKIPPED);
    }

    /** True when something passed and nothing failed: a run that found no tests proves nothing. */
    public boolean successful() {
        return failed() == 0 && passed() > 0;
    }

    public Map<String, List<TestResult>> byClass() {
        Map<String, List<TestResult>> byClass = new LinkedHashMap<>();
        results.forEach(result -> byClass.computeIfAbsent(result.className(), key -> new ArrayList<>()).add(result));
        return byClass;
    }

    /** {@code N passed, N failed} with {@code , N skipped} when any were skipped. */
    public String countsLine() {
        return passed() + " passed, " + failed() + " failed" + (skipped() > 0 ? ", " + skipped() + " skipped" : "");
    }

    /**
     * A table per class, one line per test with the first line of its failure or skip reason under
     * it, ending with {@link #countsLine()}.
     */
    public String table() {
        StringBuilder out = new StringBuilder();
        byClass().forEach((className, tests) -> {
            long passed = tests.stream().filter(t -> t.status() == Status.PASSED).count();
            long failed = tests.stream().filter(t -> t.status() == Status.FAILED).count();
            long skipped = tests.stream().filter(t -> t.status() == Status.SKIPPED).count();
            out.append(String.format("%-60s %3d passed %3d failed %3d skipped%n", className, passed, failed, skipped));
            for (TestResult test : tests) {
                out.append(String.format("  %-8s %s%n", test.status(), test.name()));
                if (test.message() != null && test.status() != Status.PASSED) {
                    out.append("           ").append(oneLine(test.message())).append(System.lineSeparator());
                }
            }
            out.append(System.lineSeparator());
        });
        return out.append(countsLine()).append(System.lineSeparator()).toString();
    }

    private long count(Status status) {
        return results.stream().filter(result -> result.status() == status).count();
    }

    /** A multi-line assertion message (description, expected, actual) squeezed onto one line for the table. */
    private static String oneLine(String message) {
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > MESSAGE_WIDTH ? line.substring(0, MESSAGE_WIDTH) + " ..." : line;
    }
}
