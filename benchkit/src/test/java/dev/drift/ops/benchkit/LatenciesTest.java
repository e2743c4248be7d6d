package dev.drift.ops.benchkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000L);
        }

        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
        assertThat(latencies.percentileMillis(0.5)).isEqualTo(1.0);
    }

    @Test
    void aTimedLoopRecordsEveryOperation() {
        Latencies latencies = new Latencies();

        Measurement measurement = TimedLoop.run(3, Duration.ofMinutes(1), 30, latencies.timing(sequence -> 7));

        assertThat(latencies.count()).isEqualTo(30);
        assertThat(measurement.bytes()).isEqualTo(30 * 7);
        assertThat(latencies.percentileMillis(100)).isGreaterThanOrEqualTo(latencies.percentileMillis(50));
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> new Latencies().percentileMillis(50)).isInstanceOf(IllegalArgumentException.class);
    }
}
