package dev.drift.ops.registry.oci;

import static dev.drift.ops.registry.OciFixtures.CONFIG;
import static dev.drift.ops.registry.OciFixtures.LAYER;
import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.descriptor;
import static dev.drift.ops.registry.OciFixtures.pushBlob;
import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.Concurrently;
import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Json;

/**
 * A blob DELETE racing the PUT of a manifest that references the blob, over HTTP, released together round after
 * round: exactly one of them may win, and afterwards every tag resolves to a manifest whose blobs are all there.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(MetadataBackend.class)
class BlobDeleteRaceIT {

    private static final int ROUNDS = 50;

    @Parameter
    MetadataBackend backend;

    @TempDir
    Path dataDir;

    private RunningRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(backend, dataDir, "");
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void eitherTheDeleteOrThePushWinsAndNoTagPointsAtAMissingBlob() throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        Digest configDigest = pushBlob(registry, "race", config);
        int[] status = new int[2 * ROUNDS];
        CyclicBarrier bothReady = new CyclicBarrier(2);

        // Thread 0 deletes the round's layer, thread 1 pushes the manifest that needs it; they start each round together.
        Concurrently.run(2, ROUNDS, (thread, round) -> {
            byte[] layer = ("layer of round " + round).getBytes(StandardCharsets.UTF_8);
            Digest layerDigest = Digest.sha256(layer);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":"
                    + descriptor(CONFIG, configDigest, config.length) + ",\"layers\":["
                    + descriptor(LAYER, layerDigest, layer.length) + "]}").getBytes(StandardCharsets.UTF_8);
            if (thread == 0) {
                pushBlob(registry, "race", layer);
            }
            bothReady.await(30, TimeUnit.SECONDS);
            HttpResponse<byte[]> response = thread == 0
                    ? registry.delete("/v2/race/blobs/" + layerDigest)
                    : registry.put("/v2/race/manifests/r" + round, MANIFEST, manifest);
            status[2 * round + thread] = response.statusCode();
            assertThat(response.statusCode()).as("round %d, %s: %s", round, thread == 0 ? "DELETE" : "PUT", text(response))
                    .isIn(thread == 0 ? new Integer[] {202, 409} : new Integer[] {201, 400});
            // Both wait for the round to end, so the next round's push cannot overtake this one's requests.
            bothReady.await(30, TimeUnit.SECONDS);
        });

        int pushesWon = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean deleted = status[2 * round] == 202;
            boolean pushed = status[2 * round + 1] == 201;
            assertThat(deleted).as("round %d: DELETE %d, PUT %d: exactly one wins", round, status[2 * round],
                    status[2 * round + 1]).isNotEqualTo(pushed);
            pushesWon += pushed ? 1 : 0;
        }
        JsonNode tags = Json.MAPPER.readTree(registry.get("/v2/race/tags/list?n=1000").body()).path("tags");
        assertThat(tags).hasSize(pushesWon);
        for (JsonNode tag : tags) {
            assertEveryBlobOfTheManifestIsThere(tag.asText());
        }
        System.out.printf("%s: %d of %d rounds won by the push, %d by the delete%n", backend, pushesWon, ROUNDS,
                ROUNDS - pushesWon);
    }

    private void assertEveryBlobOfTheManifestIsThere(String tag) throws Exception {
        HttpResponse<byte[]> manifest = registry.get("/v2/race/manifests/" + tag);
        assertThat(manifest.statusCode()).as("tag " + tag).isEqualTo(200);
        JsonNode document = Json.MAPPER.readTree(manifest.body());
        assertBlobIsThere(tag, document.path("config").path("digest").asText());
        for (JsonNode layer : document.path("layers")) {
            assertBlobIsThere(tag, layer.path("digest").asText());
        }
    }

    private void assertBlobIsThere(String tag, String digest) throws Exception {
        HttpResponse<byte[]> blob = registry.get("/v2/race/blobs/" + digest);
        assertThat(blob.statusCode()).as("blob %s of tag %s", digest, tag).isEqualTo(200);
        assertThat(Digest.sha256(blob.body()).toString()).as("content of blob %s", digest).isEqualTo(digest);
    }
}
