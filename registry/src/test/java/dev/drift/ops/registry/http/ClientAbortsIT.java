package dev.drift.ops.registry.http;

import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.drift.ops.registry.OciFixtures;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;

/**
 * Clients that end an exchange early (issue 11, defect 7): one that closes mid-body, one that stops sending its body,
 * one that closes mid-download. Each is the client's failure: a 4xx (if it still listens), never a 500, no ERROR and
 * no stack trace in the log, and counted in {@code drift_http_client_aborts_total} apart from server errors.
 */
class ClientAbortsIT {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final String UPLOAD_ROUTE = "/v2/{name}/blobs/uploads/{id}";

    @TempDir
    Path dataDir;

    private RunningRegistry registry;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        log.start();
        root().addAppender(log);
        registry = RunningRegistry.startWithIdleTimeout(dataDir, IDLE_TIMEOUT);
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
        root().detachAppender(log);
    }

    @Test
    void aClientThatClosesMidBodyIsCountedAsAnAbortNotAServerError() throws Exception {
        try (RawConnection connection = RawConnection.open(registry.uri("/"))) {
            connection.write(patchHead(startUpload(), 2048));
            connection.write(new byte[1024]);
        }

        String metrics = awaitMetric("drift_http_client_aborts_total{reason=\"disconnected\",route=\"" + UPLOAD_ROUTE + "\"} 1");
        assertThat(metrics).contains("drift_http_requests_total{method=\"PATCH\",route=\"" + UPLOAD_ROUTE + "\",status=\"400\"} 1")
                .doesNotContain("status=\"500\"");
        assertNoErrorAndNoStackTrace();
    }

    @Test
    void aBodyThatStallsPastTheIdleTimeoutIsAnswered408() throws Exception {
        try (RawConnection connection = RawConnection.open(registry.uri("/"))) {
            connection.write(patchHead(startUpload(), 2048));
            connection.write(new byte[1024]);
            RawConnection.Response answer = connection.response();

            assertThat(answer.status()).as(answer.text()).isEqualTo(408);
            assertThat(answer.closesConnection()).as(answer.text()).isTrue();
            JsonNode error = Json.MAPPER.readTree(answer.body()).get("errors").get(0);
            assertThat(error.get("code").asText()).isEqualTo("SIZE_INVALID");
            assertThat(error.get("detail").asText()).contains("stopped arriving");
        }

        String metrics = awaitMetric("drift_http_client_aborts_total{reason=\"stalled\",route=\"" + UPLOAD_ROUTE + "\"} 1");
        assertThat(metrics).doesNotContain("status=\"500\"");
        assertNoErrorAndNoStackTrace();
    }

    /** The drain before an early answer (defect 3) does not wait for a stalled body beyond the idle timeout. */
    @Test
    void anEarlyAnswerToAStalledBodyComesAtTheIdleTimeoutWithConnectionClose() throws Exception {
        try (RawConnection connection = RawConnection.open(registry.uri("/"))) {
            connection.write(RawConnection.head("PATCH " + startUpload() + " HTTP/1.1", "Content-Type: application/octet-stream",
                    "Content-Length: 2048", "Content-Range: 2048-4095"));
            connection.write(new byte[1024]);
            RawConnection.Response answer = connection.response();

            assertThat(answer.status()).as(answer.text()).isEqualTo(416);
            assertThat(answer.closesConnection()).as(answer.text()).isTrue();
        }
        assertNoErrorAndNoStackTrace();
    }

    @Test
    void aClientThatClosesMidDownloadIsCountedAsAnAbort() throws Exception {
        byte[] blob = new byte[16 * 1024 * 1024];
        Digest digest = OciFixtures.pushBlob(registry, "app", blob);
        try (RawConnection connection = RawConnection.open(registry.uri("/"))) {
            connection.write(RawConnection.head("GET /v2/app/blobs/" + digest + " HTTP/1.1"));
            assertThat(new String(connection.read(12), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }

        String metrics = awaitMetric("drift_http_client_aborts_total{reason=\"disconnected\",route=\"/v2/{name}/blobs/{digest}\"} 1");
        assertThat(metrics).doesNotContain("status=\"500\"");
        assertNoErrorAndNoStackTrace();
    }

    @Test
    void aBoltUploadTheClientAbandonsMidBodyIsCountedAsAnAbortNotAServerError() throws Exception {
        try (RawConnection connection = RawConnection.open(registry.uri("/"))) {
            connection.write(RawConnection.head("POST /v1/profiles/upload HTTP/1.1", "Content-Type: application/json",
                    "Content-Length: 4096"));
            connection.write("{\"name\":\"half\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        String metrics = awaitMetric("drift_http_client_aborts_total{reason=\"disconnected\",route=\"/v1/profiles/upload\"} 1");
        assertThat(metrics).doesNotContain("status=\"500\"");
        assertNoErrorAndNoStackTrace();
    }

    private String startUpload() throws Exception {
        HttpResponse<byte[]> started = registry.post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0]);
        assertThat(started.statusCode()).isEqualTo(202);
        return started.headers().firstValue("Location").orElseThrow();
    }

    private static byte[] patchHead(String upload, int contentLength) {
        return RawConnection.head("PATCH " + upload + " HTTP/1.1", "Content-Type: application/octet-stream",
                "Content-Length: " + contentLength);
    }

    /** /metrics once it shows {@code sample}: the server records an exchange after the client is gone. Bounded. */
    private String awaitMetric(String sample) throws Exception {
        String metrics = "";
        for (int attempt = 0; attempt < 100 && !metrics.contains(sample); attempt++) {
            Thread.sleep(100);
            metrics = text(registry.get("/metrics"));
        }
        assertThat(metrics).contains(sample);
        return metrics;
    }

    private void assertNoErrorAndNoStackTrace() {
        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(events).allMatch(event -> event.getThrowableProxy() == null,
                "no stack trace: " + events.stream().filter(e -> e.getThrowableProxy() != null).map(ILoggingEvent::getFormattedMessage).toList());
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
