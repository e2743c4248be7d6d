package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.drift.ops.registry.Concurrently;
import dev.drift.ops.registry.OciFixtures;
import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.registry.RegistryHttp;
import dev.drift.ops.registry.SharedBucket;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three processes of the packaged jar on one PostgreSQL database and one blob store (a shared directory, then a shared
 * SeaweedFS bucket), behind nothing but the client
 * choosing a replica per request, as a scaled-out deployment runs them: a push may start on one replica and finish on
 * another, even once the first is killed; every replica serves every image; a collection on one replica while the
 * others push leaves every tagged image whole and takes exactly the garbage.
 */
@ParameterizedClass(name = "blobs on {0}")
@ValueSource(strings = {"fs", "s3"})
class ReplicasIT {

    @RegisterExtension
    static final SharedBucket BUCKET = new SharedBucket();

    @Parameter
    String storage;

    /** The S3 key prefix of this test's blobs. */
    private final String prefix = SharedBucket.newPrefix();

    private static final int REPLICAS = 3;
    private static final int PUSH_ROUNDS = 6;
    private static final int PUSH_ATTEMPTS = 5;
    private static final byte[] SHARED_LAYER = "the base layer every image shares".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    private final List<DriftProcess> replicas = new ArrayList<>();
    private Path blobs;

    @BeforeEach
    void startReplicas() throws IOException {
        String url = PostgresServer.shared().createDatabase();
        blobs = Files.createDirectories(work.resolve("blobs"));
        for (int i = 0; i < REPLICAS; i++) {
            replicas.add(DriftProcess.startWith("ReplicasIT-" + i, work.resolve("replica-" + i + ".toml"), "",
                    storageSections() + DriftProcess.postgresDatabase(url) + """
                            [registry]
                            min_age_days = 0
                            """));
        }
    }

    /** The shared directory {@code blobs}, or the shared bucket under this test's prefix. */
    private String storageSections() {
        return storage.equals("fs") ? DriftProcess.fsStorage(blobs) : BUCKET.storageToml(prefix);
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(DriftProcess::close);
    }

    @Test
    void aChunkedPushAcknowledgedByAReplicaThatIsThenKilledFinishesOnAnother() throws Exception {
        byte[] first = randomBytes(1, 3 << 20);
        byte[] second = randomBytes(2, 1 << 20);
        byte[] whole = concat(first, second);
        Digest digest = Digest.sha256(whole);
        RegistryHttp doomed = replicas.get(0).http();

        HttpResponse<byte[]> started = doomed.post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0]);
        assertThat(started.statusCode()).as(RegistryHttp.text(started)).isEqualTo(202);
        HttpResponse<byte[]> acknowledged = doomed.patch(location(started), "0-" + (first.length - 1), first);
        assertThat(acknowledged.statusCode()).as(RegistryHttp.text(acknowledged)).isEqualTo(202);
        replicas.get(0).kill();

        RegistryHttp next = replicas.get(1).http();
        HttpResponse<byte[]> status = next.get(location(acknowledged));
        assertThat(status.statusCode()).as("the session, asked on another replica").isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).contains("0-" + (first.length - 1));
        HttpResponse<byte[]> rest = next.patch(location(status), first.length + "-" + (whole.length - 1), second);
        assertThat(rest.statusCode()).as(RegistryHttp.text(rest)).isEqualTo(202);
        RegistryHttp last = replicas.get(2).http();
        HttpResponse<byte[]> finished = last.put(location(rest) + "?digest=" + digest, "application/octet-stream",
                new byte[0]);
        assertThat(finished.statusCode()).as(RegistryHttp.text(finished)).isEqualTo(201);
        byte[] manifest = OciFixtures.imageManifest(last, "app", null, null, whole);
        OciFixtures.putManifest(last, "app", "v1", manifest, OciFixtures.MANIFEST);

        for (DriftProcess replica : replicas.subList(1, REPLICAS)) {
            assertThat(replica.http().get("/v2/app/manifests/v1").body()).isEqualTo(manifest);
            assertThat(Digest.sha256(replica.http().get("/v2/app/blobs/" + digest).body())).isEqualTo(digest);
        }
    }

    /**
     * Two replicas push an image per round each and untag their previous one; the third runs {@code drift gc
     * --untagged} (window 0) every round. A push whose layer a collection took before its manifest arrived is
     * refused and pushed again, as a client retries. At the end a last collection leaves exactly the tagged images.
     */
    @Test
    void collectionsOnOneReplicaWhileTheOthersPushKeepEveryTaggedImageWholeAndTakeTheRest() throws Exception {
        Map<String, byte[]> tagged = new ConcurrentHashMap<>();
        Set<Digest> untaggedLayers = ConcurrentHashMap.newKeySet();
        int[] collections = new int[1];

        Concurrently.run(REPLICAS, PUSH_ROUNDS, (thread, round) -> {
            if (thread == 2) {
                collect(2);
                collections[0]++;
                return;
            }
            RegistryHttp through = replicas.get(thread).http();
            byte[] layer = ("the layer of pusher " + thread + " round " + round).getBytes(StandardCharsets.UTF_8);
            tagged.put("p" + thread + "-r" + round, pushImage(through, "p" + thread + "-r" + round, layer));
            if (round > 0) {
                String previous = "p" + thread + "-r" + (round - 1);
                HttpResponse<byte[]> untag = replicas.get(1 - thread).http().delete("/v2/app/manifests/" + previous);
                assertThat(untag.statusCode()).as(RegistryHttp.text(untag)).isEqualTo(202);
                tagged.remove(previous);
                untaggedLayers.add(Digest.sha256(("the layer of pusher " + thread + " round " + (round - 1))
                        .getBytes(StandardCharsets.UTF_8)));
            }
        });
        collect(2);

        Set<String> kept = new HashSet<>();
        for (Map.Entry<String, byte[]> image : tagged.entrySet()) {
            kept.add(Digest.sha256(image.getValue()).toString());
            for (DriftProcess replica : replicas) {
                HttpResponse<byte[]> pulled = replica.http().get("/v2/app/manifests/" + image.getKey());
                assertThat(pulled.statusCode()).as(image.getKey() + " through " + replica).isEqualTo(200);
                assertThat(pulled.body()).isEqualTo(image.getValue());
                for (String digest : referencedDigests(image.getValue())) {
                    kept.add(digest);
                    assertThat(Digest.sha256(replica.http().get("/v2/app/blobs/" + digest).body()).toString())
                            .as(digest + " of " + image.getKey() + " through " + replica).isEqualTo(digest);
                }
            }
        }
        for (Digest gone : untaggedLayers) {
            assertThat(replicas.get(0).http().head("/v2/app/blobs/" + gone).statusCode()).as(gone.toString())
                    .isEqualTo(404);
        }
        assertThat(storedDigests()).as("the blob store holds exactly the tagged images").isEqualTo(kept);
        assertThat(collections[0]).isEqualTo(PUSH_ROUNDS);
        assertThat(tagged).hasSize(2);
    }

    /**
     * Pushes config, the shared layer and {@code layer}, then the manifest under {@code tag}; returns the manifest. A
     * collection with a window of 0 may take a blob between its push and the manifest's (the manifest is refused with
     * MANIFEST_BLOB_UNKNOWN) or while the same bytes are pushed again (503): then the image is pushed again.
     */
    private static byte[] pushImage(RegistryHttp registry, String tag, byte[] layer) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciFixtures.MANIFEST + "\",\"config\":"
                + OciFixtures.descriptor(OciFixtures.CONFIG, Digest.sha256(config), config.length) + ",\"layers\":["
                + OciFixtures.descriptor(OciFixtures.LAYER, Digest.sha256(SHARED_LAYER), SHARED_LAYER.length) + ","
                + OciFixtures.descriptor(OciFixtures.LAYER, Digest.sha256(layer), layer.length) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
            if (pushBlob(registry, config) && pushBlob(registry, SHARED_LAYER) && pushBlob(registry, layer)) {
                HttpResponse<byte[]> put = registry.put("/v2/app/manifests/" + tag, OciFixtures.MANIFEST, manifest);
                if (put.statusCode() == 201) {
                    return manifest;
                }
                assertThat(RegistryHttp.text(put)).as("only a collection taking a fresh blob may refuse " + tag)
                        .contains("MANIFEST_BLOB_UNKNOWN");
            }
        }
        throw new AssertionError(tag + " was refused " + PUSH_ATTEMPTS + " times");
    }

    /** True once stored; false for the 503 of bytes a collection removed while they were pushed again. */
    private static boolean pushBlob(RegistryHttp registry, byte[] content) throws Exception {
        HttpResponse<byte[]> pushed = registry.post("/v2/app/blobs/uploads/?digest=" + Digest.sha256(content),
                "application/octet-stream", content);
        assertThat(pushed.statusCode()).as(RegistryHttp.text(pushed)).isIn(201, 503);
        return pushed.statusCode() == 201;
    }

    /** One {@code drift gc --untagged} run against replica {@code index}'s config, in a process of its own. */
    private void collect(int index) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                DriftProcess.jar().toString(), "dev.drift.ops.registry.gc.GcMain",
                "--config", work.resolve("replica-" + index + ".toml").toString(), "--untagged")
                .redirectErrorStream(true).start();
        String output = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gc.waitFor(60, TimeUnit.SECONDS)).as("gc ended").isTrue();
        assertThat(gc.exitValue()).as(output).isZero();
        assertThat(output).contains("bytes freed");
    }

    private Set<String> storedDigests() throws IOException {
        if (storage.equals("s3")) {
            return new HashSet<>(BUCKET.blobDigests(prefix));
        }
        try (Stream<Path> files = Files.walk(blobs.resolve("blobs/sha256"))) {
            Set<String> digests = new HashSet<>();
            files.filter(Files::isRegularFile).forEach(file -> digests.add("sha256:" + file.getFileName()));
            return digests;
        }
    }

    private static List<String> referencedDigests(byte[] manifest) throws IOException {
        List<String> digests = new ArrayList<>();
        Json.MAPPER.readTree(manifest).findValues("digest")
                .forEach(node -> digests.add(node.asText()));
        return digests;
    }

    private static String location(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        return whole;
    }
}
