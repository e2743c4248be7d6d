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
        int port = DriftProcess.freePort();
        Path config = dataDir.resolve("drift.toml");
        Files.writeString(config, """
                [server]
                bind_addr = "127.0.0.1:%d"
                workers = 3
                [storage]
                backend = "fs"
                path = "%s"
                [database]
                backend = "sqlite"
                sqlite_path = "%s"
                """.formatted(port, dataDir.resolve("blobs"), dataDir.resolve("drift.db")));
        try (DriftProcess drift = DriftProcess.start("workers", config, port)) {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            String properties = Commands.run(jcmd, Long.toString(drift.pid()), "VM.system_properties");
            assertThat(properties).contains("jdk.virtualThreadScheduler.parallelism=3");
            assertThat(Files.readString(drift.log())).contains("(bind_addr 127.0.0.1:" + port + ", 3 workers)");
        }
    }
}
