package dev.drift.ops.operator.it;

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

/** The OCI distribution API of one Drift address (a NodePort or a port-forward on 127.0.0.1), with a basic login. */
final class RegistryHttp {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String authorization;

    RegistryHttp(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A monolithic push in two requests (POST, then PUT with the digest), as the OCI spec describes. */
    String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        String digest = digest(content);
        HttpResponse<String> started = send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        URI location = URI.create(base).resolve(started.headers().firstValue("Location").orElseThrow());
        String query = location.getRawQuery();
        HttpResponse<String> put = send(request(location.getRawPath() + "?" + (query == null ? "" : query + "&")
                + "digest=" + digest).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return digest;
    }

    /** An image manifest of one config and one layer, both pushed first; returns its digest. */
    String pushImage(String repository, String tag, byte[] config, byte[] layer) throws IOException, InterruptedException {
        String configDigest = pushBlob(repository, config);
        String layerDigest = pushBlob(repository, layer);
        byte[] manifest = """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},\
                "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}"""
                .formatted(OCI_MANIFEST, configDigest, config.length, layerDigest, layer.length)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> put = send(request("/v2/" + repository + "/manifests/" + tag)
                .header("Content-Type", OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return digest(manifest);
    }

    HttpResponse<byte[]> manifest(String repository, String reference) throws IOException, InterruptedException {
        return HTTP.send(request("/v2/" + repository + "/manifests/" + reference).header("Accept", OCI_MANIFEST).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> blob(String repository, String digest) throws IOException, InterruptedException {
        return HTTP.send(request("/v2/" + repository + "/blobs/" + digest).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
