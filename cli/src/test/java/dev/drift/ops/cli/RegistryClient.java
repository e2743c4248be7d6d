package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.deploy.JvmOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of the OCI API to push a blob and ask for it again, with the login up generated. */
final class RegistryClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String url;
    private final String authorization;

    private RegistryClient(String url, String user, String password) {
        this.url = url;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A client logging in with the credentials file of a data directory. */
    static RegistryClient forDataDir(String url, Path dataDir) throws IOException {
        Properties credentials = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(dataDir.resolve("credentials"))) {
            credentials.load(in);
        }
        return new RegistryClient(url, credentials.getProperty("user"), credentials.getProperty("password"));
    }

    /** Monolithic push (POST, then PUT with the digest); returns the digest. */
    String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        String digest = digest(content);
        HttpResponse<Void> started = HTTP.send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (started.statusCode() != 202) {
            throw new IOException("POST upload answered " + started.statusCode());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(url).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<Void> finished = HTTP.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Authorization", authorization)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding());
        if (finished.statusCode() != 201) {
            throw new IOException("PUT upload answered " + finished.statusCode());
        }
        return digest;
    }

    /** Starts an upload; returns its Location, a path any replica of the registry resumes. */
    String startUpload(String repository) throws IOException, InterruptedException {
        HttpResponse<Void> started = HTTP.send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (started.statusCode() != 202) {
            throw new IOException("POST upload answered " + started.statusCode());
        }
        return started.headers().firstValue("Location").orElseThrow();
    }

    /** Sends {@code chunk} at {@code offset} of the upload at {@code location}; returns the Location to go on with. */
    String patchChunk(String location, byte[] chunk, long offset) throws IOException, InterruptedException {
        HttpResponse<Void> patched = HTTP.send(HttpRequest.newBuilder(URI.create(url).resolve(location))
                .header("Authorization", authorization)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", offset + "-" + (offset + chunk.length - 1))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (patched.statusCode() != 202) {
            throw new IOException("PATCH at " + offset + " answered " + patched.statusCode());
        }
        return patched.headers().firstValue("Location").orElseThrow();
    }

    /** Closes the upload at {@code location} as the blob of {@code content}; returns its digest. */
    String finishUpload(String location, byte[] content) throws IOException, InterruptedException {
        String digest = digest(content);
        URI upload = URI.create(url).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        HttpResponse<Void> finished = HTTP.send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (finished.statusCode() != 201) {
            throw new IOException("PUT closing the upload answered " + finished.statusCode());
        }
        return digest;
    }

    /** The status of GET on a blob, and its body. */
    HttpResponse<byte[]> getBlob(String repository, String digest) throws IOException, InterruptedException {
        return HTTP.send(request("/v2/" + repository + "/blobs/" + digest).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The heap limit Drift reports on /metrics ({@code drift_jvm_heap_bytes{kind="max"}}) is the deployment model's
     * -Xmx, whatever started it. The serial collector reports its limit less one survivor space: at most -Xmx, and far
     * below the JVM's default sizing (a quarter of the machine's memory).
     */
    void assertRunsWithTheModelsHeapLimit() throws IOException, InterruptedException {
        assertThat(maxHeapBytes()).as("the model's JVM options")
                .isLessThanOrEqualTo(modelHeapLimitBytes()).isGreaterThan(modelHeapLimitBytes() / 2);
    }

    private long maxHeapBytes() throws IOException, InterruptedException {
        String metrics = HTTP.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher max = Pattern.compile("(?m)^drift_jvm_heap_bytes\\{kind=\"max\"\\} ([0-9.eE+]+)$").matcher(metrics);
        if (!max.find()) {
            throw new IOException("/metrics has no heap limit: " + metrics);
        }
        return (long) Double.parseDouble(max.group(1));
    }

    /** The -Xmx of the deployment model's JVM options, in bytes: the heap limit every target must give Drift. */
    private static long modelHeapLimitBytes() {
        String xmx = JvmOptions.DEFAULTS.stream().filter(option -> option.startsWith("-Xmx")).reduce((a, b) -> b)
                .orElseThrow().substring("-Xmx".length()).toLowerCase(java.util.Locale.ROOT);
        long unit = switch (xmx.charAt(xmx.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(xmx.replaceAll("[kmg]$", "")) * unit;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", authorization);
    }

    private static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
