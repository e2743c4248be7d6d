package dev.drift.ops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.drift.ops.e2e.E2eSummary.Status;
import dev.drift.ops.e2e.E2eSummary.TestResult;

class E2eSummaryTest {

    private static final TestResult PASS = new TestResult("OciTests", "pushes", Status.PASSED, null);
    private static final TestResult FAIL = new TestResult("OciTests", "pulls", Status.FAILED, "[GET blob]\nexpected: 200\n but was: 404");
    private static final TestResult SKIP = new TestResult("AuthTests", "challenges", Status.SKIPPED, "no credentials");

    @Test
    void countsLineNamesSkippedOnlyWhenThereAreAny() {
        assertThat(new E2eSummary(List.of(PASS, FAIL)).countsLine()).isEqualTo("1 passed, 1 failed");
        assertThat(new E2eSummary(List.of(PASS, FAIL, SKIP)).countsLine()).isEqualTo("1 passed, 1 failed, 1 skipped");
    }

    @Test
    void successNeedsAPassAndNoFailure() {
        assertThat(new E2eSummary(List.of(PASS, SKIP)).successful()).isTrue();
        assertThat(new E2eSummary(List.of(PASS, FAIL)).successful()).isFalse();
        assertThat(new E2eSummary(List.of(SKIP)).successful()).as("nothing ran, nothing proven").isFalse();
        assertThat(new E2eSummary(List.of()).successful()).isFalse();
    }

    @Test
    void tableGroupsByClassWithEachFailureOnOneLineAndEndsWithTheCounts() {
        List<String> lines = new E2eSummary(List.of(PASS, FAIL, SKIP)).table().lines().toList();
        assertThat(lines.get(0)).startsWith("OciTests").contains("1 passed").contains("1 failed");
        assertThat(lines).contains("  PASSED   pushes", "  FAILED   pulls", "           [GET blob] expected: 200 but was: 404",
                "           no credentials");
        assertThat(lines).filteredOn(line -> line.startsWith("AuthTests")).hasSize(1);
        assertThat(lines.getLast()).isEqualTo("1 passed, 1 failed, 1 skipped");
    }
}
