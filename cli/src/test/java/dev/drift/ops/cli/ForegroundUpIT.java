package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} in the foreground, as the packaged jar runs it: when drift-ops is asked to stop
 * (SIGTERM here; Ctrl-C takes the same shutdown path) the registry it started stops with it.
 */
class ForegroundUpIT {

    @Test
    void stoppingDriftOpsStopsTheRegistry(@TempDir Path dataDir) throws Exception {
        int port = LocalSqliteIT.freePort();
        Process cli = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddrift.registry.jar=" + System.getProperty("drift.registry.jar"),
                "-jar", System.getProperty("drift.ops.jar"),
                "up", "--data-dir", dataDir.toString(), "--port", Integer.toString(port)))
                .redirectError(dataDir.resolveSibling(dataDir.getFileName() + "-cli.err").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("Drift is ready at http://127.0.0.1:" + port + " (sqlite, data in "
                    + dataDir.toRealPath() + ")");
            long registryPid = registryPid(dataDir);
            assertThat(ProcessHandle.of(registryPid)).isPresent();

            cli.destroy();
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("drift-ops exits").isTrue();
            assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive)).as("the registry is gone")
                    .isNotEqualTo(java.util.Optional.of(true));
            assertThat(dataDir.resolve("drift-ops.state")).doesNotExist();
            assertThat(dataDir.resolve("drift.db")).as("data is kept").exists();
        } finally {
            cli.destroyForcibly();
            if (Files.exists(dataDir.resolve("drift-ops.state"))) {
                CliRun.of("down", "--data-dir", dataDir.toString());
            }
        }
    }

    private static long registryPid(Path dataDir) throws Exception {
        Properties state = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("drift-ops.state"))) {
            state.load(in);
        }
        return Long.parseLong(state.getProperty("component.registry.pid"));
    }
}
