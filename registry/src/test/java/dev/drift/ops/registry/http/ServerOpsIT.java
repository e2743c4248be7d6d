package dev.drift.ops.registry.http;

import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.OciFixtures;
import dev.drift.ops.registry.RunningRegistry;

/** Health, readiness, metrics and authentication of a real server on 127.0.0.1. */
@ParameterizedClass(name = "on {0}")
@EnumSource(MetadataBackend.class)
class ServerOpsIT {

    @Parameter
    MetadataBackend backend;

    @TempDir
    Path dataDir;

    @Test
    void healthReadinessAndMetrics() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(backend, dataDir, "")) {
            assertThat(text(registry.get("/health"))).isEqualTo("OK");
            assertAnswersLikeHealth(registry, "/healthz");
            HttpResponse<byte[]> ready = registry.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(text(ready)).isEqualTo("Ready");

            OciFixtures.pushBlob(registry, "metered", "some bytes".getBytes());
            HttpResponse<byte[]> metrics = registry.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
            assertThat(text(metrics))
                    .contains("drift_http_requests_total{method=\"POST\",route=\"/v2/{name}/blobs/uploads/\",status=\"201\"} 1")
                    .contains("drift_http_request_duration_seconds_bucket")
                    .containsPattern("drift_http_received_bytes_total [1-9]")
                    .contains("drift_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1");
        }
    }

    @Test
    void readinessFailsWhenTheBlobDirectoryIsGone() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(backend, dataDir, "")) {
            Path blobs = dataDir.resolve("blobs");
            try (Stream<Path> tree = Files.walk(blobs)) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            Files.writeString(blobs, "a file where the blob directory was");

            HttpResponse<byte[]> ready = registry.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(text(ready)).startsWith("Not Ready").contains("blob storage");
            assertThat(registry.get("/health").statusCode()).isEqualTo(200);
            assertAnswersLikeHealth(registry, "/healthz");
        }
    }

    @Test
    void basicAuthGuardsTheApisButNotTheProbes() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "s3cret-hash".toCharArray());
        String auth = """

                [auth]
                mode = "basic"

                [auth.basic]
                users = ["alice:plain-pass", "bob:%s"]
                """.formatted(hash);
        try (RunningRegistry registry = RunningRegistry.start(backend, dataDir, auth)) {
            HttpResponse<byte[]> anonymous = registry.get("/v2/");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
            assertThat(text(anonymous)).contains("UNAUTHORIZED");
            assertThat(registry.get("/v1/profiles").statusCode()).isEqualTo(401);
            assertThat(registry.get("/health").statusCode()).isEqualTo(200);
            assertAnswersLikeHealth(registry, "/healthz");
            assertThat(registry.get("/readyz").statusCode()).isEqualTo(200);

            assertThat(registry.as("alice", "wrong").get("/v2/").statusCode()).isEqualTo(401);
            assertThat(registry.as("alice", "plain-pass").get("/v2/").statusCode()).isEqualTo(200);
            assertThat(registry.as("bob", "s3cret-hash").get("/v2/").statusCode()).isEqualTo(200);
            assertThat(registry.as("bob", "s3cret-hash").get("/v1/profiles").statusCode()).isEqualTo(200);
        }
    }

    /** Same status, body and content type as /health, with whatever credentials the registry was last given. */
    private static void assertAnswersLikeHealth(RunningRegistry registry, String path) throws Exception {
        HttpResponse<byte[]> health = registry.get("/health");
        HttpResponse<byte[]> answer = registry.get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(health.statusCode());
        assertThat(text(answer)).as(path).isEqualTo(text(health));
        assertThat(answer.headers().firstValue("Content-Type")).as(path).isEqualTo(health.headers().firstValue("Content-Type"));
    }

    @Test
    void unknownPathsAre404() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(backend, dataDir, "")) {
            assertThat(registry.get("/nope").statusCode()).isEqualTo(404);
            assertThat(registry.get("/v1/unknown").statusCode()).isEqualTo(404);
        }
    }
}
