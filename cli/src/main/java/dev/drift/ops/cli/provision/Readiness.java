package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.Console;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Drift's {@code /readyz}: waited on after a start, asked again by {@code status}. */
public final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    /** What {@code /readyz} says now: {@code ready}, {@code not ready (503)} or {@code unreachable}. */
    public static String check(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/readyz")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? "ready" : "not ready (" + response.statusCode() + ")";
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unreachable";
        }
    }

    /**
     * Polls {@code /readyz} until it answers 200, the process behind it exits, or {@code timeout}
     * passes; shows progress meanwhile. Returns true when ready.
     */
    public static boolean await(String baseUrl, Duration timeout, BooleanSupplier alive, Console console) {
        Instant deadline = Instant.now().plus(timeout);
        Instant start = Instant.now();
        String waiting = "waiting for " + baseUrl + "/readyz";
        while (Instant.now().isBefore(deadline) && alive.getAsBoolean()) {
            console.tick(waiting);
            if (check(baseUrl).equals("ready")) {
                console.endWait("ready after " + Duration.between(start, Instant.now()).toMillis() / 100 / 10.0 + " s");
                return true;
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        console.endWait(alive.getAsBoolean() ? "not ready after " + timeout.toSeconds() + " s" : "the process exited");
        return false;
    }
}
