package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/** Just enough of the OCI distribution API to push a small image to a Drift and pull it back, by digest. */
final class Registry {

    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    Registry(String base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The digests of what was pushed. */
    record Pushed(String manifest, String config, String layer) {
    }

    Pushed push(String repository, String tag, String content) throws IOException, InterruptedException {
        byte[] layer = content.getBytes(StandardCharsets.UTF_8);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String layerDigest = pushBlob(repository, layer);
        String configDigest = pushBlob(repository, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> put = send(request("/v2/" + repository + "/manifests/" + tag)
                .header("Content-Type", MANIFEST_TYPE).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        assertThat(put.statusCode()).as("manifest PUT").isEqualTo(201);
        return new Pushed(digest(manifest), configDigest, layerDigest);
    }

    /** The digests of the manifest under {@code tag} and of the blobs it names, as pulled. */
    Pushed pull(String repository, String tag, Pushed expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> manifest = send(request("/v2/" + repository + "/manifests/" + tag)
                .header("Accept", MANIFEST_TYPE).GET());
        assertThat(manifest.statusCode()).as("manifest GET").isEqualTo(200);
        return new Pushed(digest(manifest.body()), digest(blob(repository, expected.config())),
                digest(blob(repository, expected.layer())));
    }

    int readyz() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(Duration.ofSeconds(10)).GET())
                .statusCode();
    }

    private byte[] blob(String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<byte[]> blob = send(request("/v2/" + repository + "/blobs/" + digest).GET());
        assertThat(blob.statusCode()).as("blob GET " + digest).isEqualTo(200);
        return blob.body();
    }

    private String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        HttpResponse<byte[]> start = send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(start.statusCode()).as("upload POST").isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(base).resolve(location);
        String digest = digest(content);
        URI put = URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest);
        HttpResponse<byte[]> done = send(HttpRequest.newBuilder(put).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertThat(done.statusCode()).as("upload PUT").isEqualTo(201);
        return digest;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
