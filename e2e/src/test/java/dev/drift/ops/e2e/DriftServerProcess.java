package dev.drift.ops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Drift server (the jar named by the system property {@value #JAR_PROPERTY}, set by
 * failsafe) running as a child process on a free 127.0.0.1 port, with SQLite metadata and blobs
 * under a directory of the test's. Extra TOML (an [auth] section) is appended to its config.
 */
final class DriftServerProcess implements AutoCloseable {

    static final String JAR_PROPERTY = "drift.registry.jar";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI url;
    private final Path log;

    private DriftServerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static DriftServerProcess start(Path dir, String extraToml) throws IOException, InterruptedException {
        return startReplica(dir, "drift", fsStorage(dir) + sqliteDatabase(dir), extraToml);
    }

    /** The [storage] section of blobs in {@code dir/blobs}. */
    static String fsStorage(Path dir) {
        return """
                [storage]
                backend = "fs"
                path = "%s"

                """.formatted(dir.resolve("blobs"));
    }

    /** The [database] section of the SQLite database {@code dir/drift.db}. */
    static String sqliteDatabase(Path dir) {
        return """
                [database]
                backend = "sqlite"
                sqlite_path = "%s"

                """.formatted(dir.resolve("drift.db"));
    }

    /** The [database] section of the PostgreSQL database at {@code url}. */
    static String postgresDatabase(String url) {
        return """
                [database]
                backend = "postgres"
                postgres_url = "%s"

                """.formatted(url);
    }

    /**
     * One of several servers on the blobs and the metadata {@code storeSections} names (a [storage] and a [database]
     * section), as replicas of one registry share them; its config and log are {@code dir/name.toml} and
     * {@code dir/name.log}.
     */
    static DriftServerProcess startReplica(Path dir, String name, String storeSections, String extraToml)
            throws IOException, InterruptedException {
        int port = freePort();
        Path config = dir.resolve(name + ".toml");
        Files.writeString(config, """
                [server]
                bind_addr = "127.0.0.1:%d"

                """.formatted(port) + storeSections + extraToml, StandardCharsets.UTF_8);
        Path log = dir.resolve(name + ".log");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(java, "-jar", jar().toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        DriftServerProcess drift = new DriftServerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        drift.awaitReady();
        return drift;
    }

    String url() {
        return url.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest readyz = HttpRequest.newBuilder(url.resolve("/readyz")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String lastAnswer = "none";
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> answer = client.send(readyz, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                lastAnswer = e.toString();
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("Drift at " + url + " did not become ready (last /readyz answer: "
                + lastAnswer + ")" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }

    private static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property " + JAR_PROPERTY
                    + " must name the packaged server jar (failsafe sets it after registry is packaged); got " + jar);
        }
        return Path.of(jar);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
