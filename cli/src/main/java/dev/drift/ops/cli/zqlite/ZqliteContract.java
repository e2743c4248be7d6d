package dev.drift.ops.cli.zqlite;

import com.github.dockerjava.api.exception.DockerException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.registry.store.zqlite.ProbeReport;
import dev.drift.ops.registry.store.zqlite.ProbeReport.Outcome;
import dev.drift.ops.registry.store.zqlite.ZqliteProbe;
import dev.drift.ops.registry.store.zqlite.ZqliteUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Checks an image against the ZQLite contract of DESIGN.md by running it: does {@code zqlite server --port 5433
 * --data-dir /var/lib/zqlite} keep running, does {@code GET /health} answer 200, does {@code zqlite ping} exit 0,
 * and does the port speak the PostgreSQL wire protocol (SSLRequest, startup, {@code SELECT 1}; asked by the
 * registry's own {@link ZqliteProbe}, the same questions Drift's /readyz asks). Each row carries what was seen.
 * The container, its network and its volume are removed afterwards.
 */
public final class ZqliteContract {

    public static final String SERVER = "zqlite server runs";
    public static final String HEALTH = "GET /health answers 200";
    public static final String PING = "zqlite ping exits 0";
    public static final String POSTGRES = "PostgreSQL wire protocol";

    /** The command line of the contract; the image's own CMD is not trusted to be it. */
    static final List<String> SERVER_ARGS = Layout.ZQLITE_SERVER_ARGS;

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int LOG_LINES = 10;
    private static final int MAX_EVIDENCE = 300;

    public enum Result {
        HOLDS("holds"), MISSING("MISSING"), NOT_RUN("not run");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One clause of the contract, whether it holds, and what was seen. */
    public record Row(String check, Result result, String evidence) {
    }

    /** The rows in contract order. */
    public record Report(String image, List<Row> rows) {

        public Report {
            rows = List.copyOf(rows);
        }

        public boolean holds() {
            return rows.stream().allMatch(row -> row.result() == Result.HOLDS);
        }

        public Row row(String check) {
            return rows.stream().filter(row -> row.check().equals(check)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the contract has no check " + check));
        }

        /** One line: what holds, or what is missing and why it did not run. */
        public String summary() {
            if (holds()) {
                return image + " meets the ZQLite contract";
            }
            return image + " does not meet the ZQLite contract: " + rows.stream()
                    .filter(row -> row.result() != Result.HOLDS)
                    .map(row -> row.check() + " " + row.result().label())
                    .collect(Collectors.joining(", "));
        }
    }

    private final DockerEngine engine;
    private final Console console;
    private final Duration healthWait;

    /**
     * @param healthWait how long the server gets to answer {@code GET /health} with 200 once started
     */
    public ZqliteContract(DockerEngine engine, Console console, Duration healthWait) {
        this.engine = engine;
        this.console = console;
        this.healthWait = healthWait;
    }

    public Report check(String image) {
        console.info("checking " + image + " against the ZQLite contract");
        try (ContractContainer container = new ContractContainer(engine.client())) {
            container.create(image, "zqlite", SERVER_ARGS);
            try {
                container.start();
            } catch (DockerException e) {
                return new Report(image, withRestNotRun(new Row(SERVER, Result.MISSING,
                        "the container did not start: " + oneLine(DockerEngine.rootMessage(e))), "the server did not start"));
            }
            Row health = awaitHealth(container);
            OptionalInt exited = container.exitCode();
            if (exited.isPresent()) {
                return new Report(image, withRestNotRun(exitedRow(container, exited.getAsInt()), "the server is not running"));
            }
            Row ping = ping(container);
            Row postgres = postgres(container.hostPort().orElseThrow(
                    () -> new IllegalStateException("the running check container publishes no port")));
            exited = container.exitCode();
            Row server = exited.isPresent() ? exitedRow(container, exited.getAsInt())
                    : new Row(SERVER, Result.HOLDS, "`zqlite " + String.join(" ", SERVER_ARGS)
                    + "` kept running through the checks");
            return new Report(image, List.of(server, health, ping, postgres));
        }
    }

    /** Polls /health until it answers 200, the container stops, or {@code healthWait} has passed. */
    private Row awaitHealth(ContractContainer container) {
        long start = System.nanoTime();
        long deadline = start + healthWait.toNanos();
        String last = "no answer";
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline && container.exitCode().isEmpty()) {
                console.tick("waiting for GET /health");
                OptionalInt port = container.hostPort();
                if (port.isPresent()) {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port.getAsInt() + "/health"))
                                .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        last = "HTTP " + response.statusCode() + ", body \"" + oneLine(response.body()) + "\"";
                        if (response.statusCode() == 200) {
                            console.endWait("200");
                            return new Row(HEALTH, Result.HOLDS, last + " after " + secondsSince(start));
                        }
                    } catch (IOException e) {
                        last = oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = "interrupted";
        }
        console.endWait("no 200");
        return new Row(HEALTH, Result.MISSING, "no 200 within " + healthWait.toSeconds() + "s; last answer: " + last);
    }

    private static Row ping(ContractContainer container) {
        ContractContainer.Exit exit = container.exec("zqlite", "ping");
        String evidence = "exit " + exit.code() + (exit.output().isEmpty() ? "" : ": " + oneLine(exit.output()));
        return new Row(PING, exit.code() == 0 ? Result.HOLDS : Result.MISSING, evidence);
    }

    private static Row postgres(int port) {
        ProbeReport report = ZqliteProbe.probe(new ZqliteUrl("127.0.0.1", port, "drift"));
        List<ProbeReport.Check> checks = List.of(report.check(ZqliteProbe.SSL_REQUEST),
                report.check(ZqliteProbe.STARTUP), report.check(ZqliteProbe.SELECT_1));
        boolean holds = checks.stream().allMatch(check -> check.outcome() == Outcome.PASSED);
        // When it fails, the checks that failed say why; the ones not run only repeat it.
        String evidence = checks.stream()
                .filter(check -> holds || check.outcome() == Outcome.FAILED)
                .map(check -> check.name() + ": " + check.detail())
                .collect(Collectors.joining("; "));
        return new Row(POSTGRES, holds ? Result.HOLDS : Result.MISSING, oneLine(evidence));
    }

    private static Row exitedRow(ContractContainer container, int code) {
        String output = container.logs(LOG_LINES);
        return new Row(SERVER, Result.MISSING, "`zqlite " + String.join(" ", SERVER_ARGS) + "` exited with code "
                + code + (output.isEmpty() ? " and printed nothing" : ": " + oneLine(output)));
    }

    private static List<Row> withRestNotRun(Row server, String reason) {
        return List.of(server, new Row(HEALTH, Result.NOT_RUN, reason), new Row(PING, Result.NOT_RUN, reason),
                new Row(POSTGRES, Result.NOT_RUN, reason));
    }

    /** Several lines of output as one table cell: lines joined with " | ", cut at a readable length. */
    static String oneLine(String text) {
        String joined = text.strip().lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" | "));
        return joined.length() <= MAX_EVIDENCE ? joined : joined.substring(0, MAX_EVIDENCE) + "...";
    }

    private static String secondsSince(long startNanos) {
        return String.format("%.1fs", (System.nanoTime() - startNanos) / 1e9);
    }
}
