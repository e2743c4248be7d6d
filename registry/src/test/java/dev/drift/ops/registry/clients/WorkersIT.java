package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.testkit.Commands;

/**
 * {@code [server] workers} sizes the scheduler the server's virtual threads run on: the running server's JVM has the
 * parallelism property set to it before its first virtual thread (jcmd reads it from the live process), and its start
 * line says so.
 */
class WorkersIT {

    @TempDir
    Path dataDir;

    @Test
    void workersIsTheParallelismOfTheServersVirtualThreadScheduler() throws Exception {
        try (DriftProcess drift = DriftProcess.startSqlite("workers", dataDir, "workers = 3", "")) {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            String properties = Commands.run(jcmd, Long.toString(drift.pid()), "VM.system_properties");
            assertThat(properties).contains("jdk.virtualThreadScheduler.parallelism=3");
            assertThat(Files.readString(drift.log())).contains("(bind_addr " + drift.hostPort() + ", 3 workers)");
        }
    }
}
