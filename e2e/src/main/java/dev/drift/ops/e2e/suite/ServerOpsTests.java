package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.Responses.describe;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** The probes and the Prometheus endpoint an operator's platform scrapes. */
@DriftE2e
@Tag("ops")
class ServerOpsTests {

    private final Registry registry;

    ServerOpsTests(Registry registry) {
        this.registry = registry;
    }

    @Test
    void healthAnswersOk() {
        Response health = registry.given().get("/health");
        assertThat(health.statusCode()).as(describe(health)).isEqualTo(200);
        assertThat(health.asString().strip()).isEqualTo("OK");
    }

    @Test
    void readinessAnswersReady() {
        Response ready = registry.given().get("/readyz");
        assertThat(ready.statusCode()).as("/readyz (503 means the metadata backend or blob store is down): %s", describe(ready))
                .isEqualTo(200);
        assertThat(ready.asString().strip()).isEqualTo("Ready");
    }

    @Test
    void metricsAreExposedInPrometheusTextFormat() {
        // Each replica counts its own requests: ask the one that served this one.
        Registry replica = registry.oneReplica();
        replica.given().get("/v2/");
        Response metrics = replica.given().get("/metrics");
        assertThat(metrics.statusCode()).as(describe(metrics)).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.asString())
                .contains("# TYPE drift_http_requests_total counter")
                .containsPattern("drift_http_requests_total\\{[^}]*route=\"/v2/\"[^}]*} [1-9]")
                .contains("drift_http_request_duration_seconds_bucket");
    }
}
