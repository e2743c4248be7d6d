package dev.drift.ops.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until Drift's {@code /readyz} answers 200 on 127.0.0.1 and the container's published port.
 * Testcontainers' own HTTP wait would ask its idea of the host ({@code localhost}, which may be
 * ::1), and tests talk to 127.0.0.1 only.
 */
final class ReadyzOnLoopback extends AbstractWaitStrategy {

    private static final int LOG_LINES = 40;

    private final int containerPort;

    ReadyzOnLoopback(int containerPort, Duration timeout) {
        this.containerPort = containerPort;
        withStartupTimeout(timeout);
    }

    @Override
    protected void waitUntilReady() {
        URI readyz = URI.create("http://127.0.0.1:" + waitStrategyTarget.getMappedPort(containerPort) + "/readyz");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(startupTimeout);
        String lastAnswer = "none";
        while (Instant.now().isBefore(deadline) && waitStrategyTarget.isRunning()) {
            try {
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body().strip();
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for " + readyz, e);
            }
            sleep();
        }
        throw new ContainerLaunchException("Drift did not become ready at " + readyz + " within " + startupTimeout
                + (waitStrategyTarget.isRunning() ? "" : " (its container stopped)") + "; last answer: " + lastAnswer
                + "\n--- last lines of its log ---\n" + logTail());
    }

    private String logTail() {
        List<String> lines = waitStrategyTarget.getLogs().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting for /readyz", e);
        }
    }
}
