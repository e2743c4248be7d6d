package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A registry server the bench started as a child process on 127.0.0.1, with its output in a log
 * file. Closing it stops it (SIGTERM, then SIGKILL after a grace period).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final URI baseUrl;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, URI baseUrl, Process process, Path log) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until {@code readyPath} answers 200. Secrets must reach the
     * process through its config file or {@code environment}, never through {@code command}.
     */
    public static ServerProcess start(String name, List<String> command, Map<String, String> environment,
                                      int port, String readyPath, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BenchException("cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
        ServerProcess server = new ServerProcess(name, URI.create("http://127.0.0.1:" + port), process, log);
        try {
            server.awaitReady(readyPath);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BenchException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public ResidentMemory memory() {
        if (!process.isAlive()) {
            throw new BenchException(name + " exited during the bench; see " + log);
        }
        return ResidentMemory.of(process.pid());
    }

    private void awaitReady(String readyPath) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(readyPath)).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchException(name + " exited before it became ready (exit code " + process.exitValue()
                        + "); see " + log);
            }
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                // 401: a registry that asks for a login (the peer with --auth basic) is up all the same.
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for " + name, e);
            }
            sleep();
        }
        throw new BenchException(name + " did not answer " + readyPath + " with 200 (or 401) within "
                + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BenchException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
