package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void allMeansEveryBackendTheBenchCanStart() {
        assertThat(BenchCommand.backends("all")).containsExactly(Backend.SQLITE, Backend.POSTGRES);
        assertThat(BenchCommand.backends("postgres")).isEqualTo(List.of(Backend.POSTGRES));
    }

    @Test
    void zqliteIsRefusedWithTheReason() {
        assertThatThrownBy(() -> BenchCommand.backends("zqlite")).isInstanceOf(BenchException.class)
                .hasMessageContaining("no ZQLite server");
    }

    @Test
    void anUnknownBackendIsNamed() {
        assertThatThrownBy(() -> BenchCommand.backends("mysql")).isInstanceOf(BenchException.class)
                .hasMessageContaining("'mysql'");
    }
}
