package dev.drift.ops.benchkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void ratesAreCountsPerSecondOfMeasuredTime() {
        Measurement measurement = new Measurement(50, 250_000_000, 2_000_000_000L);

        assertThat(measurement.seconds()).isEqualTo(2.0);
        assertThat(measurement.operationsPerSecond()).isEqualTo(25.0);
        assertThat(measurement.megabytesPerSecond()).isCloseTo(125.0, within(1e-9));
    }

    @Test
    void refusesATimeThatIsNotPositive() {
        assertThatThrownBy(() -> new Measurement(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
