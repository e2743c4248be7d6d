package dev.drift.ops.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP/1.1 to a Drift at one address, with the verbs the tests use: a server in this JVM ({@link RunningRegistry})
 * or a process of the packaged jar alike.
 */
public class RegistryHttp {

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String authorization;

    public RegistryHttp(URI base) {
        this.base = base;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** The client behind {@link #send}, for response handlers other than byte arrays (e.g. streams). */
    public HttpClient client() {
        return client;
    }

    /** Sends basic-auth credentials with every following request. */
    public RegistryHttp as(String user, String password) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public HttpResponse<byte[]> head(String path) throws IOException, InterruptedException {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<byte[]> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    public HttpResponse<byte[]> put(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<byte[]> patch(String path, String contentRange, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/octet-stream").header("Content-Range", contentRange)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
