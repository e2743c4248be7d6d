package dev.drift.ops.benchkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TimedLoopTest {

    @Test
    void stopsAtTheCountAndGivesEverySequenceNumberOnce() {
        Set<Long> seen = ConcurrentHashMap.newKeySet();

        Measurement measurement = TimedLoop.run(4, Duration.ofMinutes(5), 1000, sequence -> {
            assertThat(seen.add(sequence)).isTrue();
            return 3;
        });

        assertThat(measurement.operations()).isEqualTo(1000);
        assertThat(measurement.bytes()).isEqualTo(3000);
        assertThat(seen).hasSize(1000).allMatch(sequence -> sequence >= 0 && sequence < 1000);
    }

    @Test
    void stopsAtTheDeadlineWithoutACount() {
        Measurement measurement = TimedLoop.run(2, Duration.ofMillis(50), Long.MAX_VALUE, sequence -> {
            Thread.sleep(1);
            return 0;
        });

        assertThat(measurement.operations()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void runsOneOperationPerThreadEvenWhenTheTimeIsAlreadyUp() {
        Measurement measurement = TimedLoop.run(3, Duration.ZERO, 1000, sequence -> 1);

        assertThat(measurement.operations()).isEqualTo(3);
    }

    @Test
    void theFirstFailureEndsTheLoopAndNamesTheCause() {
        assertThatThrownBy(() -> TimedLoop.run(2, Duration.ofMinutes(5), 1_000_000, sequence -> {
            if (sequence == 10) {
                throw new IllegalStateException("registry answered 500");
            }
            return 0;
        })).isInstanceOf(BenchException.class).hasMessageContaining("registry answered 500");
    }
}
