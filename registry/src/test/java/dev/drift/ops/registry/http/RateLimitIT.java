package dev.drift.ops.registry.http;

import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.RunningRegistry;

/**
 * {@code [registry] rate_limit_per_hour}: each user's allowance (each address's without auth) is its own; past it the
 * answer is 429 TOOMANYREQUESTS with Retry-After, counted in /metrics; health, readiness and metrics are never limited.
 */
class RateLimitIT {

    private static final int LIMIT = 5;

    @TempDir
    Path dataDir;

    @Test
    void eachUserHasTheirOwnAllowanceAndProbesAreNeverLimited() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dataDir, """
                [auth]
                mode = "basic"
                [auth.basic]
                users = ["alice:alice-pw", "bob:bob-pw"]
                [registry]
                rate_limit_per_hour = %d
                """.formatted(LIMIT))) {
            RunningRegistry alice = registry.as("alice", "alice-pw");
            for (int i = 0; i < LIMIT; i++) {
                assertThat(alice.get("/v2/").statusCode()).as("request %d of the allowance", i + 1).isEqualTo(200);
            }
            HttpResponse<byte[]> refused = alice.get("/v2/_catalog");
            assertThat(refused.statusCode()).as(text(refused)).isEqualTo(429);
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).as("one request back every 3600/%d s", LIMIT).isBetween(1L, 3600L / LIMIT);
            JsonNode error = Json.MAPPER.readTree(refused.body()).path("errors").path(0);
            assertThat(error.path("code").asText()).isEqualTo("TOOMANYREQUESTS");
            assertThat(error.path("detail").asText()).contains("rate_limit_per_hour");

            assertThat(registry.as("bob", "bob-pw").get("/v2/").statusCode()).as("bob's allowance is his own")
                    .isEqualTo(200);
            for (int i = 0; i < 3 * LIMIT; i++) {
                for (String probe : new String[] {"/health", "/healthz", "/readyz", "/metrics"}) {
                    assertThat(registry.get(probe).statusCode()).as(probe).isEqualTo(200);
                }
            }
            assertThat(text(registry.get("/metrics"))).contains("drift_http_rate_limited_total{client=\"user\"} 1.0");
        }
    }

    @Test
    void withoutAuthTheAddressHasTheAllowance() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dataDir, """
                [registry]
                rate_limit_per_hour = %d
                """.formatted(LIMIT))) {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(registry.get("/v1/profiles").statusCode()).isEqualTo(200);
            }
            assertThat(registry.get("/v2/").statusCode()).isEqualTo(429);
            assertThat(text(registry.get("/metrics"))).contains("drift_http_rate_limited_total{client=\"address\"} 1.0");
        }
    }
}
