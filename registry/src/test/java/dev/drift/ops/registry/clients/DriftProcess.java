package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.fail;

import dev.drift.ops.registry.RegistryHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Drift server (registry/target/drift-registry.jar) running as a child process on
 * 127.0.0.1, the way operators run it. Its output goes to target/it-logs/NAME-PORT.log; a
 * restart appends to the same file.
 */
public final class DriftProcess implements AutoCloseable {

    /** Set by the failsafe configuration in registry/pom.xml. */
    public static final String JAR_PROPERTY = "drift.registry.jar";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Path config;
    private final int port;
    private final Path log;
    private Process process;

    private DriftProcess(Path config, int port, Path log) {
        this.config = config;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Drift with SQLite metadata and blobs under dataDir on a free port and waits until
     * it is ready. The config is written to dataDir/drift.toml.
     */
    public static DriftProcess startSqlite(String name, Path dataDir) {
        return startSqlite(name, dataDir, "", "");
    }

    /** As {@link #startSqlite(String, Path)}, with more {@code [server]} keys and more sections (e.g. {@code [auth]}). */
    public static DriftProcess startSqlite(String name, Path dataDir, String serverKeys, String moreSections) {
        return startWith(name, dataDir.resolve("drift.toml"), serverKeys, """
                [storage]
                backend = "fs"
                path = "%s"
                [database]
                backend = "sqlite"
                sqlite_path = "%s"
                [logging]
                level = "info"
                format = "json"
                %s
                """.formatted(dataDir.resolve("blobs"), dataDir.resolve("drift.db"), moreSections));
    }

    /** The [storage] and [database] sections of blobs in the directory {@code blobs} and metadata at {@code postgresUrl}. */
    public static String fsAndPostgres(Path blobs, String postgresUrl) {
        return fsStorage(blobs) + postgresDatabase(postgresUrl);
    }

    /** The [storage] section of blobs in the directory {@code blobs}. */
    public static String fsStorage(Path blobs) {
        return """
                [storage]
                backend = "fs"
                path = "%s"
                """.formatted(blobs);
    }

    /** The [database] section of metadata at {@code postgresUrl}. */
    public static String postgresDatabase(String postgresUrl) {
        return """
                [database]
                backend = "postgres"
                postgres_url = "%s"
                """.formatted(postgresUrl);
    }

    /**
     * Starts Drift on a free port with the config {@code file}: {@code [server]} with its bind_addr and
     * {@code serverKeys}, then {@code sections}. Only its owner may read the file, as drift-ops writes it, since the
     * sections may hold a database password or S3 keys.
     */
    public static DriftProcess startWith(String name, Path file, String serverKeys, String sections) {
        int port = freePort();
        try {
            Files.writeString(file, """
                    [server]
                    bind_addr = "127.0.0.1:%d"
                    %s
                    """.formatted(port, serverKeys) + sections, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return start(name, file, port);
    }

    /** Starts Drift with a config of the caller's whose bind_addr is 127.0.0.1:port. */
    public static DriftProcess start(String name, Path config, int port) {
        Path logDir = jar().getParent().resolve("it-logs");
        Path log = logDir.resolve(name + "-" + port + ".log");
        try {
            Files.createDirectories(logDir);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + log, e);
        }
        DriftProcess drift = new DriftProcess(config, port, log);
        drift.launch();
        return drift;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** host:port, the registry part of an image reference such as 127.0.0.1:5000/repo:tag. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The config file it runs with, for tools that read the same one (GcMain). */
    public Path config() {
        return config;
    }

    public Path log() {
        return log;
    }

    /** The server process's pid, for the JDK's tools (jcmd) to look inside it. */
    public long pid() {
        return process.pid();
    }

    /** Stops the server with SIGTERM, as an orchestrator would, and starts it again on the same config. */
    public void restart() {
        stop();
        launch();
    }

    /** Sends SIGTERM and waits for the process to exit; fails if it does not. */
    public void stop() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        stopping.destroy(); // SIGTERM on Linux
        try {
            if (!stopping.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.destroyForcibly().waitFor();
                fail("Drift did not exit within " + STOP_TIMEOUT + " of SIGTERM" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.destroyForcibly();
        }
    }

    /** Kills the server with SIGKILL, as a crash or an OOM killer would, and waits until it is gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        Process killed = process;
        process = null;
        try {
            killed.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A client for this server's address. */
    public RegistryHttp http() {
        return new RegistryHttp(baseUrl());
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines Drift printed, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "\n--- last lines of " + log + " ---\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "\n(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private void launch() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            process = new ProcessBuilder(java, "-jar", jar().toString(), "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java + " -jar " + jar(), e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpRequest readyz = HttpRequest.newBuilder(baseUrl().resolve("/readyz"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String lastAnswer = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                Process dead = process;
                process = null;
                fail("Drift exited with " + dead.exitValue() + " before it was ready" + logTail());
            }
            try {
                HttpResponse<String> response = HTTP.send(readyz, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = response.statusCode() + " " + response.body();
            } catch (ConnectException e) {
                lastAnswer = "connection refused";
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(250));
        }
        stop();
        fail("Drift was not ready within " + READY_TIMEOUT + " (last /readyz answer: " + lastAnswer + ")" + logTail());
    }

    /** The packaged server jar the failsafe run names; its classes also run {@code GcMain} and {@code MigrateMain}. */
    public static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("system property " + JAR_PROPERTY + " must name the packaged server jar (run through"
                    + " failsafe after `package`); got " + jar);
        }
        return Path.of(jar);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Drift at " + baseUrl() + " (log " + log + ")";
    }
}
