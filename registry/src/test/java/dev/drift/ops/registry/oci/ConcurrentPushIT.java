package dev.drift.ops.registry.oci;

import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.imageManifest;
import static dev.drift.ops.registry.OciFixtures.pushBlob;
import static dev.drift.ops.registry.OciFixtures.putManifest;
import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.drift.ops.registry.Concurrently;
import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Json;

/** Clients racing each other over HTTP on one server: every request succeeds or fails cleanly, nothing is left half done. */
@ParameterizedClass(name = "on {0}")
@EnumSource(MetadataBackend.class)
class ConcurrentPushIT {

    private static final int CLIENTS = 6;
    private static final int ROUNDS = 8;

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
    void clientsPushingTheSameBlobAtOnceAllSucceed() throws Exception {
        byte[] layer = "one layer that every client pushes".repeat(1000).getBytes(StandardCharsets.UTF_8);

        Concurrently.run(CLIENTS, ROUNDS, (client, round) -> pushBlob(registry, "shared/app", layer));

        HttpResponse<byte[]> pulled = registry.get("/v2/shared/app/blobs/" + Digest.sha256(layer));
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.body()).isEqualTo(layer);
    }

    @Test
    void clientsPushingTheSameTagAtOnceAllSucceedAndTheTagEndsOnOneOfTheirManifests() throws Exception {
        List<byte[]> manifests = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            manifests.add(imageManifest(registry, "app", null, null, ("layer of client " + client).getBytes()));
        }

        Concurrently.run(CLIENTS, ROUNDS, (client, round) ->
                putManifest(registry, "app", "latest", manifests.get(client), MANIFEST));

        assertThat(tags("app")).containsExactly("latest");
        HttpResponse<byte[]> latest = registry.get("/v2/app/manifests/latest");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(manifests).anySatisfy(manifest -> assertThat(latest.body()).isEqualTo(manifest));
        for (byte[] manifest : manifests) {
            assertThat(registry.get("/v2/app/manifests/" + Digest.sha256(manifest)).body()).isEqualTo(manifest);
        }
    }

    @Test
    void manifestPutsRacingTagDeletesLeaveTheTagWhollyThereOrGone() throws Exception {
        byte[] manifest = imageManifest(registry, "app", null, null, "raced layer".getBytes());
        Digest digest = Digest.sha256(manifest);

        Concurrently.run(CLIENTS, ROUNDS, (client, round) -> {
            if (client % 2 == 0) {
                putManifest(registry, "app", "raced", manifest, MANIFEST);
            } else {
                HttpResponse<byte[]> deleted = registry.delete("/v2/app/manifests/raced");
                assertThat(deleted.statusCode()).as(text(deleted)).isIn(202, 404);
            }
        });

        HttpResponse<byte[]> byTag = registry.get("/v2/app/manifests/raced");
        assertThat(byTag.statusCode()).isIn(200, 404);
        assertThat(tags("app").contains("raced")).isEqualTo(byTag.statusCode() == 200);
        if (byTag.statusCode() == 200) {
            assertThat(byTag.body()).isEqualTo(manifest);
        }
        assertThat(registry.get("/v2/app/manifests/" + digest).statusCode()).isEqualTo(200);
    }

    @Test
    void manifestPutsRacingManifestDeletesLeaveEachTagOnAManifestThatIsThere() throws Exception {
        byte[] manifest = imageManifest(registry, "app", null, null, "deleted and pushed again".getBytes());
        Digest digest = Digest.sha256(manifest);

        Concurrently.run(CLIENTS, ROUNDS, (client, round) -> {
            if (client % 2 == 0) {
                putManifest(registry, "app", "v" + client, manifest, MANIFEST);
            } else {
                HttpResponse<byte[]> deleted = registry.delete("/v2/app/manifests/" + digest);
                assertThat(deleted.statusCode()).as(text(deleted)).isIn(202, 404);
            }
        });

        List<String> tags = tags("app");
        if (registry.head("/v2/app/manifests/" + digest).statusCode() == 404) {
            assertThat(tags).as("tags of a deleted manifest").isEmpty();
        }
        for (String tag : tags) {
            assertThat(registry.get("/v2/app/manifests/" + tag).body()).as(tag).isEqualTo(manifest);
        }
    }

    /** The repository's tags; none when the repository does not exist (any more). */
    private List<String> tags(String repository) throws Exception {
        HttpResponse<byte[]> listed = registry.get("/v2/" + repository + "/tags/list");
        if (listed.statusCode() == 404) {
            return List.of();
        }
        assertThat(listed.statusCode()).as(text(listed)).isEqualTo(200);
        List<String> tags = new ArrayList<>();
        Json.MAPPER.readTree(listed.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }
}
