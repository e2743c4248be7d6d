package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.benchkit.BenchException;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsCurrentAndPeakFromProcStatus() {
        ResidentMemory memory = ResidentMemory.parse("""
                Name:\tjava
                VmPeak:\t 5000000 kB
                VmHWM:\t  300000 kB
                VmRSS:\t  250000 kB
                Threads:\t40
                """);

        assertThat(memory.currentKb()).isEqualTo(250_000);
        assertThat(memory.peakKb()).isEqualTo(300_000);
        assertThat(memory.peakMb()).isEqualTo(307.2);
    }

    @Test
    void readsThisProcess() {
        ResidentMemory memory = ResidentMemory.of(ProcessHandle.current().pid());

        assertThat(memory.currentKb()).isPositive();
        assertThat(memory.peakKb()).isGreaterThanOrEqualTo(memory.currentKb());
    }

    @Test
    void saysWhichLineIsMissing() {
        assertThatThrownBy(() -> ResidentMemory.parse("Name:\tjava\nVmRSS:\t 1 kB\n"))
                .isInstanceOf(BenchException.class).hasMessageContaining("VmHWM");
    }
}
