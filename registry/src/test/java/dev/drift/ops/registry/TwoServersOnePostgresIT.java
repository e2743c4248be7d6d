package dev.drift.ops.registry;

import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.imageManifest;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.testkit.PostgresServer;

/**
 * Two Drift servers on one PostgreSQL database and one blob store, as a deployment that outgrew one machine runs
 * them: whatever is pushed through either is there, whole and the same, through both. The store is a shared directory,
 * then a shared bucket of a real SeaweedFS (each test under its own key prefix).
 */
@ParameterizedClass(name = "blobs on {0}")
@EnumSource(TwoServersOnePostgresIT.SharedBlobs.class)
class TwoServersOnePostgresIT {

    enum SharedBlobs { FS, S3 }

    @RegisterExtension
    static final SharedBucket BUCKET = new SharedBucket();

    @Parameter
    SharedBlobs blobs;

    /** The S3 key prefix of this test's blobs. */
    private final String prefix = SharedBucket.newPrefix();

    private static final int CLIENTS = 4;
    private static final int ROUNDS = 5;

    @TempDir
    Path dataDir;

    private final RunningRegistry[] servers = new RunningRegistry[2];

    /** Both servers start at once on a new database, so they also race to migrate it. */
    @BeforeEach
    void startTwoServers() throws Exception {
        String database = MetadataBackend.postgresToml(PostgresServer.shared().createDatabase());
        String storage = storageToml();
        Concurrently.run(2, 1, (server, round) ->
                servers[server] = RunningRegistry.startWithStorage(dataDir, storage, database));
    }

    private String storageToml() {
        if (blobs == SharedBlobs.FS) {
            return RunningRegistry.fsStorageToml(dataDir);
        }
        return BUCKET.storageToml(prefix);
    }

    @AfterEach
    void stopServers() throws Exception {
        for (RunningRegistry server : servers) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void imagesPushedThroughBothServersAtOnceAreConsistentThroughEither() throws Exception {
        byte[] sharedLayer = "base layer every image shares".getBytes(StandardCharsets.UTF_8);

        Concurrently.run(CLIENTS, ROUNDS, (client, round) -> {
            RunningRegistry through = servers[(client + round) % 2];
            String repository = "team/app-" + (client % 2);
            byte[] manifest = imageManifest(through, repository, null, null, sharedLayer,
                    ("layer of client " + client + " round " + round).getBytes(StandardCharsets.UTF_8));
            putManifest(through, repository, "c" + client + "-r" + round, manifest, MANIFEST);
            putManifest(through, repository, "latest", manifest, MANIFEST);
            if (round % 2 == 1) {
                HttpResponse<byte[]> deleted = servers[(client + round + 1) % 2]
                        .delete("/v2/" + repository + "/manifests/c" + client + "-r" + (round - 1));
                assertThat(deleted.statusCode()).as(text(deleted)).isEqualTo(202);
            }
        });

        List<String> repositories = listing(servers[0], "/v2/_catalog", "repositories");
        assertThat(repositories).containsExactly("team/app-0", "team/app-1");
        assertThat(listing(servers[1], "/v2/_catalog", "repositories")).isEqualTo(repositories);
        for (String repository : repositories) {
            List<String> tags = listing(servers[0], "/v2/" + repository + "/tags/list", "tags");
            assertThat(listing(servers[1], "/v2/" + repository + "/tags/list", "tags")).isEqualTo(tags);
            assertThat(tags).contains("latest");
            for (String tag : tags) {
                assertPullsWhole(repository, tag);
            }
        }
        int tagged = listing(servers[1], "/v2/team/app-0/tags/list", "tags").size()
                + listing(servers[1], "/v2/team/app-1/tags/list", "tags").size();
        assertThat(tagged).as("latest in each repository, plus each push's own tag unless a later round deleted it")
                .isEqualTo(2 + CLIENTS * (ROUNDS - ROUNDS / 2));
    }

    @Test
    void aChunkedUploadStartedOnOneServerFinishesOnTheOther() throws Exception {
        byte[] part1 = "first half, through server 0 / ".getBytes(StandardCharsets.UTF_8);
        byte[] part2 = "second half, through server 1".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> started = servers[0].post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0]);
        String location = started.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> first = servers[0].patch(location, "0-" + (part1.length - 1), part1);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(202);
        location = first.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> second = servers[1].patch(location,
                part1.length + "-" + (part1.length + part2.length - 1), part2);
        assertThat(second.statusCode()).as(text(second)).isEqualTo(202);
        byte[] whole = (new String(part1, StandardCharsets.UTF_8) + new String(part2, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(whole);
        HttpResponse<byte[]> finished = servers[1].put(second.headers().firstValue("Location").orElseThrow()
                + "?digest=" + digest, "application/octet-stream", new byte[0]);
        assertThat(finished.statusCode()).as(text(finished)).isEqualTo(201);

        for (RunningRegistry server : servers) {
            assertThat(server.get("/v2/app/blobs/" + digest).body()).isEqualTo(whole);
        }
        if (blobs == SharedBlobs.S3) {
            assertThat(BUCKET.keys(prefix + "blobs/")).containsExactly(prefix + "blobs/sha256/" + digest.hex());
            assertThat(BUCKET.keys(prefix + "uploads/")).isEmpty();
        }
    }

    @Test
    void boltDownloadsThroughBothServersAreAllCounted() throws Exception {
        HttpResponse<byte[]> uploaded = servers[0].post("/v1/profiles/upload", "application/json",
                "{\"name\":\"shared-profile\",\"version\":\"1.0\",\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(text(uploaded)).isEqualTo(201);

        Concurrently.run(CLIENTS, ROUNDS, (client, round) -> {
            HttpResponse<byte[]> download = servers[client % 2].get("/v1/profiles/shared-profile/download");
            assertThat(download.statusCode()).as(text(download)).isEqualTo(200);
        });

        for (RunningRegistry server : servers) {
            JsonNode profile = Json.MAPPER.readTree(server.get("/v1/profiles/shared-profile").body());
            assertThat(profile.path("downloads").asLong()).isEqualTo(CLIENTS * ROUNDS);
        }
    }

    /** The tag's manifest comes back the same through both servers, and so does every blob it names, intact. */
    private void assertPullsWhole(String repository, String tag) throws Exception {
        HttpResponse<byte[]> manifest = servers[0].get("/v2/" + repository + "/manifests/" + tag);
        assertThat(manifest.statusCode()).as(repository + ":" + tag).isEqualTo(200);
        assertThat(servers[1].get("/v2/" + repository + "/manifests/" + tag).body()).isEqualTo(manifest.body());
        JsonNode document = Json.MAPPER.readTree(manifest.body());
        List<String> blobs = new ArrayList<>(List.of(document.path("config").path("digest").asText()));
        document.path("layers").forEach(layer -> blobs.add(layer.path("digest").asText()));
        for (String blob : blobs) {
            for (RunningRegistry server : servers) {
                HttpResponse<byte[]> pulled = server.get("/v2/" + repository + "/blobs/" + blob);
                assertThat(pulled.statusCode()).as(repository + " blob " + blob).isEqualTo(200);
                assertThat(Digest.sha256(pulled.body()).toString()).isEqualTo(blob);
            }
        }
    }

    private static List<String> listing(RunningRegistry server, String path, String field) throws Exception {
        HttpResponse<byte[]> listed = server.get(path);
        assertThat(listed.statusCode()).as(path + ": " + text(listed)).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Json.MAPPER.readTree(listed.body()).path(field).forEach(name -> names.add(name.asText()));
        return names;
    }
}
