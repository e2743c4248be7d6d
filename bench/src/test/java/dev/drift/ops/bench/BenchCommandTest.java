package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.benchkit.BenchException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
    void onlyOnePeerMayBeNamed() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

        int exit = command.execute("--distribution", "/bin/true", "--docker-registry", "--duration", "1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("give one");
    }

    @Test
    void anUnknownBackendIsNamed() {
        assertThatThrownBy(() -> BenchCommand.backends("mysql")).isInstanceOf(BenchException.class)
                .hasMessageContaining("'mysql'");
    }
}
