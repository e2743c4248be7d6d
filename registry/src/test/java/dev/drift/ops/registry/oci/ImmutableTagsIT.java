package dev.drift.ops.registry.oci;

import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.imageManifest;
import static dev.drift.ops.registry.OciFixtures.putManifest;
import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

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
import dev.drift.ops.registry.service.TagImmutableException;

/**
 * {@code [registry] immutable_tags}: a tag matching a name or pattern cannot be moved to another manifest, deleted,
 * or lose its manifest once pushed (409, DENIED, the detail starting TAG_IMMUTABLE), on every metadata backend; two
 * first pushes of the same immutable tag at once leave exactly one of them standing. Other tags move as before.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(MetadataBackend.class)
class ImmutableTagsIT {

    private static final int ROUNDS = 30;

    @Parameter
    MetadataBackend backend;

    @TempDir
    Path dataDir;

    private RunningRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(backend, dataDir, """
                [registry]
                immutable_tags = ["stable", "v*.*"]
                """);
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void anImmutableTagStaysOnItsFirstManifest() throws Exception {
        byte[] first = imageManifest(registry, "app", null, null, "one".getBytes(StandardCharsets.UTF_8));
        byte[] second = imageManifest(registry, "app", null, null, "two".getBytes(StandardCharsets.UTF_8));
        String firstDigest = putManifest(registry, "app", "v1.0", first, MANIFEST);
        putManifest(registry, "app", "latest", first, MANIFEST);

        assertThat(putManifest(registry, "app", "v1.0", first, MANIFEST)).as("the same manifest again is fine")
                .isEqualTo(firstDigest);
        assertImmutable(registry.put("/v2/app/manifests/v1.0", MANIFEST, second), "v1.0");
        assertImmutable(registry.delete("/v2/app/manifests/v1.0"), "v1.0");
        assertImmutable(registry.delete("/v2/app/manifests/" + firstDigest), "v1.0");
        HttpResponse<byte[]> pulled = registry.get("/v2/app/manifests/v1.0");
        assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(firstDigest);

        // Other tags still move and go; a pattern needs the whole tag to match.
        putManifest(registry, "app", "latest", second, MANIFEST);
        putManifest(registry, "app", "v1", second, MANIFEST);
        putManifest(registry, "app", "v1", first, MANIFEST);
        assertThat(registry.delete("/v2/app/manifests/latest").statusCode()).isEqualTo(202);
    }

    @Test
    void twoFirstPushesOfOneImmutableTagLeaveOneStanding() throws Exception {
        byte[][] manifests = new byte[ROUNDS * 2][];
        for (int i = 0; i < manifests.length; i++) {
            manifests[i] = imageManifest(registry, "race", null, null, ("layer " + i).getBytes(StandardCharsets.UTF_8));
        }
        AtomicIntegerArray status = new AtomicIntegerArray(ROUNDS * 2);
        CyclicBarrier together = new CyclicBarrier(2);
        // Each round, both threads push a different manifest under the same new immutable tag at once.
        Concurrently.run(2, ROUNDS, (thread, round) -> {
            together.await(30, TimeUnit.SECONDS);
            status.set(round * 2 + thread, registry.put("/v2/race/manifests/v" + round + ".0", MANIFEST,
                    manifests[round * 2 + thread]).statusCode());
        });
        for (int round = 0; round < ROUNDS; round++) {
            int[] both = {status.get(round * 2), status.get(round * 2 + 1)};
            assertThat(both).as("round %d", round).containsExactlyInAnyOrder(201, 409);
            int winner = round * 2 + (both[0] == 201 ? 0 : 1);
            assertThat(registry.get("/v2/race/manifests/v" + round + ".0").headers()
                    .firstValue("Docker-Content-Digest")).as("round %d", round)
                    .contains(Digest.sha256(manifests[winner]).toString());
        }
    }

    private static void assertImmutable(HttpResponse<byte[]> response, String tag) throws Exception {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(409);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("errors").path(0);
        assertThat(error.path("code").asText()).isEqualTo("DENIED");
        assertThat(error.path("detail").asText()).startsWith(TagImmutableException.REASON + ": tag " + tag)
                .contains("immutable_tags");
    }
}
