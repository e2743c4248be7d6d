package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.testkit.SeaweedFs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with {@code [storage] backend = "s3"} on a real SeaweedFS: an image pushed over the HTTP API (a
 * monolithic config blob, a layer of several S3 parts sent as two PATCH chunks, a manifest) is pulled back whole and by
 * range, lands in the bucket under its digest with no upload left over; the offline garbage collector ({@code GcMain}
 * from the same jar and config) removes an unreferenced blob from the bucket and keeps the image's; /readyz turns 503
 * once the S3 server is stopped. The S3 secret never shows in the server's log. And two replicas on one PostgreSQL
 * and one bucket: a chunked push whose replica is killed with SIGKILL after acknowledging a chunk is finished on the
 * other.
 */
class S3StorageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String REPOSITORY = "s3/app";
    private static final String PREFIX = "drift/";
    /** Larger than two S3 parts (8 MiB each), so the commit is a multipart upload with a short last part. */
    private static final int LAYER_SIZE = 17 * 1024 * 1024 + 4321;

    @TempDir
    Path work;

    @Test
    void pushPullGarbageCollectAndReadinessOnS3() throws Exception {
        try (SeaweedFs s3 = SeaweedFs.start(Files.createDirectories(work.resolve("seaweedfs")), "drift-it")) {
            try (DriftProcess drift = start(s3, "S3StorageIT", """
                    [database]
                    backend = "sqlite"
                    sqlite_path = "%s"
                    """.formatted(work.resolve("drift.db")))) {
                byte[] configBlob = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
                byte[] layer = pattern(LAYER_SIZE);
                Digest configDigest = pushMonolithic(drift, configBlob);
                Digest layerDigest = pushInTwoChunks(drift, layer);
                putManifest(drift, configDigest, configBlob.length, layerDigest);

                assertThat(pull(drift, layerDigest)).isEqualTo(layer);
                int from = 9 * 1024 * 1024 + 3;
                assertThat(pullRange(drift, layerDigest, from)).isEqualTo(Arrays.copyOfRange(layer, from, LAYER_SIZE));
                assertThat(s3.keys(PREFIX + "blobs/")).contains(PREFIX + blobKey(layerDigest), PREFIX + blobKey(configDigest));
                assertThat(s3.keys(PREFIX + "uploads/")).as("no upload left after the commits").isEmpty();

                Digest orphan = pushMonolithic(drift, "pushed, never referenced".getBytes(StandardCharsets.UTF_8));
                assertThat(s3.keys(PREFIX + blobKey(orphan))).hasSize(1);
                Commands.Result gc = Commands.tryRun(Duration.ofMinutes(2), java(), "-cp", jar(),
                        "dev.drift.ops.registry.gc.GcMain", "--config", drift.config().toString());
                assertThat(gc.succeeded()).as(gc.describe()).isTrue();
                assertThat(s3.keys(PREFIX + blobKey(orphan))).as("collected: %s", gc.stdout()).isEmpty();
                assertThat(s3.keys(PREFIX + "blobs/")).contains(PREFIX + blobKey(layerDigest), PREFIX + blobKey(configDigest));
                assertThat(pull(drift, layerDigest)).isEqualTo(layer);

                assertThat(send(drift, "/readyz", HttpRequest.Builder::GET).statusCode()).isEqualTo(200);
                s3.stop();
                HttpResponse<String> notReady = send(drift, "/readyz", HttpRequest.Builder::GET);
                assertThat(notReady.statusCode()).isEqualTo(503);
                assertThat(notReady.body()).contains("blob storage").contains("drift-it")
                        .doesNotContain(s3.secretKey());
                assertThat(Files.readString(drift.log())).doesNotContain(s3.secretKey()).doesNotContain(s3.accessKey());
            }
        }
    }

    /**
     * A replica (or two, on one database) after a SIGKILL: the chunk it acknowledged is in the bucket, so the push goes
     * on through the other replica, which also serves what the killed one stored.
     */
    @Test
    void aPushCutOffByAKilledReplicaFinishesOnTheOther() throws Exception {
        String database = MetadataBackend.postgresToml(PostgresServer.shared().createDatabase());
        try (SeaweedFs s3 = SeaweedFs.start(Files.createDirectories(work.resolve("seaweedfs")), "drift-replicas")) {
            // B sends pulls to presigned URLs ([storage.s3] redirect), A streams them: both serve the same bucket.
            try (DriftProcess a = start(s3, "S3StorageIT-a", database);
                 DriftProcess b = start(s3, "S3StorageIT-b", "redirect = true\n" + database)) {
                byte[] stored = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{}}".getBytes(StandardCharsets.UTF_8);
                Digest storedDigest = pushMonolithic(a, stored);
                byte[] layer = pattern(LAYER_SIZE);
                int half = LAYER_SIZE / 2;
                HttpResponse<String> started = send(a, "/v2/" + REPOSITORY + "/blobs/uploads/",
                        builder -> builder.POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                String location = patch(a, started.headers().firstValue("Location").orElseThrow(), layer, 0, half, 202);

                a.kill();

                HttpResponse<String> status = send(b, location, HttpRequest.Builder::GET);
                assertThat(status.statusCode()).as(status.body()).isEqualTo(204);
                assertThat(status.headers().firstValue("Range")).contains("0-" + (half - 1));
                location = patch(b, location, layer, half, LAYER_SIZE, 202);
                Digest layerDigest = Digest.sha256(layer);
                HttpResponse<String> done = send(b, location + (location.contains("?") ? "&" : "?") + "digest=" + layerDigest,
                        builder -> builder.PUT(HttpRequest.BodyPublishers.noBody()));
                assertThat(done.statusCode()).as(done.body()).isEqualTo(201);

                HttpResponse<String> redirect = send(b, "/v2/" + REPOSITORY + "/blobs/" + layerDigest, HttpRequest.Builder::GET);
                assertThat(redirect.statusCode()).isEqualTo(307);
                assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url)
                        .startsWith(s3.endpoint() + "/" + s3.bucket() + "/" + PREFIX + "blobs/").doesNotContain(s3.secretKey()));
                HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
                for (Digest digest : List.of(layerDigest, storedDigest)) {
                    HttpResponse<byte[]> pulled = following.send(HttpRequest.newBuilder(resolve(b, "/v2/" + REPOSITORY
                            + "/blobs/" + digest)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(pulled.statusCode()).isEqualTo(200);
                    assertThat(Digest.sha256(pulled.body())).isEqualTo(digest);
                }
                HttpResponse<String> head = send(b, "/v2/" + REPOSITORY + "/blobs/" + layerDigest,
                        builder -> builder.method("HEAD", HttpRequest.BodyPublishers.noBody()));
                assertThat(head.statusCode()).as("HEAD is answered by the server itself").isEqualTo(200);
                assertThat(send(b, "/v2/" + REPOSITORY + "/blobs/" + Digest.sha256(new byte[] {42}), HttpRequest.Builder::GET)
                        .statusCode()).as("no redirect for a blob the repository does not have").isEqualTo(404);
                assertThat(s3.keys(PREFIX + "uploads/")).isEmpty();

                // A real client through the redirects: skopeo pulls the image from B into a directory (dir:, which
                // keeps each blob as it came, named by its digest; an OCI layout would recompress the layer).
                RealTools.requireSkopeo();
                putManifest(b, storedDigest, stored.length, layerDigest);
                Path pulled = work.resolve("pulled");
                Commands.run("skopeo", "copy", "--src-tls-verify=false", "docker://" + b.hostPort() + "/" + REPOSITORY + ":v1",
                        "dir:" + pulled);
                assertThat(Files.readAllBytes(pulled.resolve(layerDigest.hex()))).isEqualTo(layer);
            }
        }
    }

    /**
     * Drift with its blobs in {@code s3}'s bucket; {@code following} comes right after the [storage.s3] keys: more of
     * them, then the [database] section.
     */
    private DriftProcess start(SeaweedFs s3, String name, String following) {
        return DriftProcess.startWith(name, work.resolve(name + ".toml"), "", s3.storageToml(PREFIX) + following + """
                [registry]
                min_age_days = 0
                [logging]
                level = "debug"
                format = "json"
                """);
    }

    /** Tags v1: an image manifest over the config blob and the layer, both pushed before. */
    private static void putManifest(DriftProcess drift, Digest config, long configSize, Digest layer) throws Exception {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + config + "\",\"size\":" + configSize + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer + "\",\"size\":"
                + LAYER_SIZE + "}]}";
        HttpResponse<String> put = send(drift, "/v2/" + REPOSITORY + "/manifests/v1", builder -> builder
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private static Digest pushMonolithic(DriftProcess drift, byte[] content) throws Exception {
        Digest digest = Digest.sha256(content);
        HttpResponse<String> response = send(drift, "/v2/" + REPOSITORY + "/blobs/uploads/?digest=" + digest, builder -> builder
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return digest;
    }

    /** POST, two PATCHes with Content-Range, a PUT with the digest; a PATCH at a stale offset is refused in between. */
    private static Digest pushInTwoChunks(DriftProcess drift, byte[] content) throws Exception {
        Digest digest = Digest.sha256(content);
        HttpResponse<String> start = send(drift, "/v2/" + REPOSITORY + "/blobs/uploads/",
                builder -> builder.POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        int half = content.length / 2;
        location = patch(drift, location, content, 0, half, 202);
        patch(drift, location, content, 0, 10, 416);
        location = patch(drift, location, content, half, content.length, 202);
        String finish = location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
        HttpResponse<String> done = send(drift, finish, builder -> builder.PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        return digest;
    }

    private static String patch(DriftProcess drift, String location, byte[] content, int from, int to, int expectedStatus)
            throws Exception {
        HttpResponse<String> response = send(drift, location, builder -> builder
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", from + "-" + (to - 1))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, from, to - from)));
        assertThat(response.statusCode()).as("PATCH %d-%d: %s", from, to - 1, response.body()).isEqualTo(expectedStatus);
        return response.headers().firstValue("Location").orElse(location);
    }

    private static byte[] pull(DriftProcess drift, Digest digest) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(resolve(drift, "/v2/" + REPOSITORY + "/blobs/" + digest))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static byte[] pullRange(DriftProcess drift, Digest digest, int from) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(resolve(drift, "/v2/" + REPOSITORY + "/blobs/" + digest))
                .header("Range", "bytes=" + from + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(206);
        return response.body();
    }

    private static HttpResponse<String> send(DriftProcess drift, String path,
                                             java.util.function.UnaryOperator<HttpRequest.Builder> request)
            throws IOException, InterruptedException {
        return HTTP.send(request.apply(HttpRequest.newBuilder(resolve(drift, path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI resolve(DriftProcess drift, String pathOrUrl) {
        return drift.baseUrl().resolve(pathOrUrl);
    }

    private static String blobKey(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 11));
        }
        return bytes;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String jar() {
        return System.getProperty(DriftProcess.JAR_PROPERTY);
    }
}
