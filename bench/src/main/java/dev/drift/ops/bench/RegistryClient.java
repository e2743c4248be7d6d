package dev.drift.ops.bench;

import dev.drift.ops.deploy.Login;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Optional;

/**
 * The few OCI Distribution calls the HTTP workload makes, the way a real client makes them: a blob
 * push is POST, one streamed PATCH and the closing PUT with the digest (what docker and skopeo do),
 * a pull is a GET read to the end. Any answer other than the spec's success code is an error.
 */
public final class RegistryClient {

    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final HttpClient http;
    /** The Authorization header every request carries, when the registry asks for a login. */
    private final Optional<String> authorization;

    public RegistryClient(URI base) {
        this(base, Optional.empty());
    }

    /** A client that logs in as {@code login} on every request (basic auth, as drift-ops up deploys Drift). */
    public RegistryClient(URI base, Optional<Login> login) {
        this.base = base;
        this.authorization = login.map(user -> "Basic " + Base64.getEncoder().encodeToString(
                (user.user() + ":" + user.password().reveal()).getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Pushes a blob of generated content; answers its digest. */
    public String pushBlob(String repository, BlobContent content) throws IOException, InterruptedException {
        URI upload = startUpload(repository);
        HttpResponse<String> patched = send(builder(upload)
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> content), content.size()))
                .header("Content-Type", "application/octet-stream"), 202, "PATCH blob upload");
        String digest = content.digest();
        URI location = location(upload, patched);
        send(builder(withDigest(location, digest)).PUT(HttpRequest.BodyPublishers.noBody()),
                201, "PUT closing blob upload");
        return digest;
    }

    /** Pushes small bytes in one POST + PUT (monolithic); answers the digest. */
    public String pushSmallBlob(String repository, byte[] bytes) throws IOException, InterruptedException {
        String digest = sha256(bytes);
        URI upload = startUpload(repository);
        send(builder(withDigest(upload, digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201, "PUT monolithic blob");
        return digest;
    }

    /** Reads the blob to the end; answers its length after checking it is {@code expectedSize}. */
    public long pullBlob(String repository, String digest, long expectedSize) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(repository, "/blobs/" + digest).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET blob answered " + response.statusCode() + " instead of 200");
            }
            long length = body.transferTo(OutputStream.nullOutputStream());
            if (length != expectedSize) {
                throw new IOException("GET blob returned " + length + " bytes instead of " + expectedSize);
            }
            return length;
        }
    }

    public void putManifest(String repository, String reference, byte[] manifest) throws IOException, InterruptedException {
        send(request(repository, "/manifests/" + reference)
                .header("Content-Type", MANIFEST_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), 201, "PUT manifest");
    }

    public long getManifest(String repository, String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(repository, "/manifests/" + reference)
                .header("Accept", MANIFEST_TYPE).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET manifest answered " + response.statusCode() + " instead of 200");
        }
        return response.body().length;
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private URI startUpload(String repository) throws IOException, InterruptedException {
        HttpResponse<String> started = send(request(repository, "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), 202, "POST blob upload");
        return location(base, started);
    }

    /** The status {@code GET /v2/} answers this client. */
    public int apiVersionStatus() throws IOException, InterruptedException {
        return http.send(builder(base.resolve("/v2/")).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private HttpRequest.Builder request(String repository, String path) {
        return builder(base.resolve("/v2/" + repository + path));
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IOException(what + " answered " + response.statusCode() + " instead of " + expected + ": "
                    + abbreviate(response.body()));
        }
        return response;
    }

    private static URI location(URI relativeTo, HttpResponse<?> response) throws IOException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IOException("the upload answer has no Location header"));
        return relativeTo.resolve(location);
    }

    private static URI withDigest(URI upload, String digest) {
        String separator = upload.getRawQuery() == null ? "?" : "&";
        return URI.create(upload + separator + "digest=" + digest);
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
