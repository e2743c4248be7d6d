package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void throughputRatioIsDriftOverDockerRegistry() {
        Comparison row = Comparison.of("sqlite", figure("push 1 MB x1", "MB/s", true, 300), figure("push 1 MB x1", "MB/s", true, 200));

        assertThat(row.ratio()).isCloseTo(1.5, within(1e-9));
        assertThat(row.ratioMeaning()).isEqualTo(Comparison.DRIFT_OVER_PEER);
    }

    @Test
    void memoryRatioIsInvertedSoAboveOneStillMeansDriftIsBetter() {
        Comparison row = Comparison.of("postgres", Figure.memory("RSS peak", 200), Figure.memory("RSS peak", 50));

        assertThat(row.ratio()).isCloseTo(0.25, within(1e-9));
        assertThat(row.ratioMeaning()).startsWith("peer / Drift");
        assertThat(Comparison.ratio(50, 200, false)).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void aZeroDenominatorGivesNoRatioRatherThanInfinity() {
        assertThat(Comparison.ratio(10, 0, true)).isNaN();
    }

    @Test
    void refusesToCompareDifferentFigures() {
        assertThatThrownBy(() -> Comparison.of("sqlite", figure("push 1 MB x1", "MB/s", true, 1),
                figure("pull 1 MB x1", "MB/s", true, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Figure figure(String name, String unit, boolean higherIsBetter, double value) {
        return new Figure("blobs", name, unit, higherIsBetter, value, 10, 1.0);
    }
}
