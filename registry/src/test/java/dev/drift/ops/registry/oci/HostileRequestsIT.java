package dev.drift.ops.registry.oci;

import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.pushBlob;
import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Json;

/**
 * Requests a hostile or careless client sends (issue 11): each must get a 4xx with the spec's JSON error body
 * or a well-defined success, never a 500 or Jetty's HTML page. On SQLite only: none of this reaches the
 * metadata backend's own code.
 */
class HostileRequestsIT {

    /** 2^63, one more than the largest long: the parse that used to throw. */
    private static final String ABOVE_LONG = "9223372036854775808";

    @TempDir
    Path dataDir;

    private RunningRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dataDir, "[registry]\nmax_upload_size_mb = 1\n");
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void rangeStartAboveLongIsUnsatisfiable() throws Exception {
        Digest digest = pushBlob(registry, "app", "0123456789".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = registry.send(registry.request("/v2/app/blobs/" + digest)
                .header("Range", "bytes=" + ABOVE_LONG + "-"));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes */10");
    }

    @Test
    void rangeEndOrSuffixAboveLongServesTheWholeBlob() throws Exception {
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        Digest digest = pushBlob(registry, "app", content);
        for (String range : new String[] {"bytes=0-" + ABOVE_LONG, "bytes=-" + ABOVE_LONG}) {
            HttpResponse<byte[]> response = registry.send(registry.request("/v2/app/blobs/" + digest).header("Range", range));
            assertThat(response.statusCode()).as(range).isIn(200, 206);
            assertThat(response.body()).as(range).isEqualTo(content);
        }
    }

    @Test
    void contentRangeAboveLongIsAnswered416AndTheUploadStaysAsItWas() throws Exception {
        String location = startUpload();
        for (String contentRange : new String[] {ABOVE_LONG + "-" + ABOVE_LONG, "0-" + ABOVE_LONG}) {
            HttpResponse<byte[]> response = registry.send(registry.request(location)
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray("abc".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Range", contentRange));
            assertThat(response.statusCode()).as(contentRange + ": " + text(response)).isEqualTo(416);
        }
        assertThat(registry.get(location).headers().firstValue("Range")).contains("0-0");
    }

    @Test
    void pageSizeAboveIntIsClamped() throws Exception {
        pushBlob(registry, "app", "x".getBytes(StandardCharsets.UTF_8));
        putTag("app", "v1");
        HttpResponse<byte[]> tags = registry.get("/v2/app/tags/list?n=" + ABOVE_LONG);
        assertThat(tags.statusCode()).as(text(tags)).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(tags.body()).get("tags").get(0).asText()).isEqualTo("v1");
        HttpResponse<byte[]> catalog = registry.get("/v2/_catalog?n=2147483648");
        assertThat(catalog.statusCode()).as(text(catalog)).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(catalog.body()).get("repositories").get(0).asText()).isEqualTo("app");
    }

    @Test
    void schemaVersionAsStringIsManifestInvalid() throws Exception {
        pushBlob(registry, "app", "x".getBytes(StandardCharsets.UTF_8));
        byte[] manifest = manifestWithEmptyConfig("\"2\"");
        HttpResponse<byte[]> response = registry.put("/v2/app/manifests/v1", MANIFEST, manifest);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(400);
        assertThat(error(response).get("code").asText()).isEqualTo("MANIFEST_INVALID");
    }

    @Test
    void oversizedManifestIs413ManifestInvalidSayingWhy() throws Exception {
        byte[] tooBig = new byte[ManifestsApi.MAX_MANIFEST_BYTES + 1];
        java.util.Arrays.fill(tooBig, (byte) ' ');
        HttpResponse<byte[]> response = registry.put("/v2/app/manifests/v1", MANIFEST, tooBig);
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = error(response);
        assertThat(error.get("code").asText()).isEqualTo("MANIFEST_INVALID");
        assertThat(error.get("detail").asText()).contains(String.valueOf(ManifestsApi.MAX_MANIFEST_BYTES));
    }

    @Test
    void blobBeyondTheUploadLimitIs413BlobUploadInvalidSayingWhy() throws Exception {
        byte[] tooBig = new byte[1024 * 1024 + 1];
        HttpResponse<byte[]> response = registry.post("/v2/app/blobs/uploads/?digest=" + Digest.sha256(tooBig),
                "application/octet-stream", tooBig);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(413);
        JsonNode error = error(response);
        assertThat(error.get("code").asText()).isEqualTo("BLOB_UPLOAD_INVALID");
        assertThat(error.get("detail").asText()).contains(String.valueOf(1024 * 1024));
    }

    @Test
    void pathsJettyRefusesStillGetTheSpecErrorBody() throws Exception {
        for (String path : new String[] {"/v2/a%2Fb/tags/list", "/v2/%2e%2e/tags/list", "/v2/a/b%00/tags/list"}) {
            HttpResponse<byte[]> response = registry.get(path);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path + ": " + text(response))
                    .startsWith("application/json");
            assertThat(error(response).get("code").asText()).as(path).isNotBlank();
            assertThat(error(response).get("message").asText()).as(path).isNotBlank();
        }
    }

    /** Requests Jetty cannot parse never become requests of a handler; the answer is still the spec's JSON body. */
    @Test
    void unparsableRequestsGetTheSpecErrorBody() throws Exception {
        java.net.URI base = registry.uri("/");
        for (String header : new String[] {"X-Small: 1", "X-Big: " + "a".repeat(20_000)}) {
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream().write(("GET /v2/%zz/tags/list HTTP/1.1\r\nHost: drift\r\n" + header
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(answer).startsWith("HTTP/1.1 4").containsIgnoringCase("Content-Type: application/json")
                        .contains("\"errors\"").doesNotContain("<html");
            }
        }
    }

    private String startUpload() throws Exception {
        HttpResponse<byte[]> started = registry.post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0]);
        assertThat(started.statusCode()).isEqualTo(202);
        return started.headers().firstValue("Location").orElseThrow();
    }

    private void putTag(String repo, String tag) throws Exception {
        HttpResponse<byte[]> response = registry.put("/v2/" + repo + "/manifests/" + tag, MANIFEST, manifestWithEmptyConfig("2"));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    }

    /** An image manifest whose config is the blob "x" pushed first, with {@code schemaVersion} as given (raw JSON). */
    private static byte[] manifestWithEmptyConfig(String schemaVersion) {
        Digest config = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
        return """
                {"schemaVersion": %s, "mediaType": "%s",
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "%s", "size": 1},
                 "layers": []}""".formatted(schemaVersion, MANIFEST, config).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode error(HttpResponse<byte[]> response) throws Exception {
        return Json.MAPPER.readTree(response.body()).get("errors").get(0);
    }
}
