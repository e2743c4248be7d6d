package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.testkit.OciLayout;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.testkit.Commands;

/** Everything pushed or uploaded is still served after Drift is stopped with SIGTERM and started again. */
class RestartPersistenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REPOSITORY = "clients/persist";
    private static final String PROFILE_UPLOAD = """
            {"profile":{"name":"steam-gaming","version":"1.2.0","description":"d","author":"a","tags":["fps"]},\
            "content":"[profile]\\nname = \\"steam-gaming\\"\\n"}""";

    /** What a client can see of the registry; equal snapshots mean nothing was lost. */
    record Snapshot(List<String> repositories, List<String> tags, String manifestDigest,
                    Map<String, Long> blobSizes, List<String> profileNames, List<String> profileVersions) {}

    @TempDir
    Path work;

    @BeforeEach
    void requireSkopeo() {
        RealTools.requireSkopeo();
    }

    @Test
    void imagesTagsBlobsAndProfilesSurviveRestart() throws Exception {
        OciLayout.Image image = OciLayout.writeImage(work.resolve("layout"), "v1", "restart-persistence");

        try (DriftProcess drift = DriftProcess.startSqlite("RestartPersistenceIT", Files.createDirectories(work.resolve("drift")))) {
            for (String tag : List.of("v1", "stable")) {
                Commands.run("skopeo", "copy", "--dest-tls-verify=false",
                        "oci:" + work.resolve("layout") + ":v1", "docker://" + drift.hostPort() + "/" + REPOSITORY + ":" + tag);
            }
            HttpResponse<String> upload = send(HttpRequest.newBuilder(drift.baseUrl().resolve("/v1/profiles/upload"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(PROFILE_UPLOAD)));
            assertThat(upload.statusCode()).as("profile upload answered %s", upload.body()).isBetween(200, 299);

            Snapshot before = snapshot(drift, image);
            assertThat(before.repositories()).contains(REPOSITORY);
            assertThat(before.tags()).containsExactlyInAnyOrder("v1", "stable");
            assertThat(before.manifestDigest()).isEqualTo(image.manifestDigest());
            assertThat(before.blobSizes()).doesNotContainValue(-1L).hasSize(image.blobDigests().size());
            assertThat(before.profileNames()).contains("steam-gaming");
            assertThat(before.profileVersions()).contains("1.2.0");

            drift.restart();

            assertThat(snapshot(drift, image)).as("state after restart; log: %s", drift.log()).isEqualTo(before);
        }
    }

    private static Snapshot snapshot(DriftProcess drift, OciLayout.Image image) throws Exception {
        JsonNode catalog = getJson(drift, "/v2/_catalog");
        JsonNode tags = getJson(drift, "/v2/" + REPOSITORY + "/tags/list");

        HttpResponse<byte[]> manifest = HTTP.send(HttpRequest.newBuilder(drift.baseUrl().resolve("/v2/" + REPOSITORY + "/manifests/v1"))
                .header("Accept", OciLayout.MANIFEST_TYPE).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(manifest.statusCode()).as("GET manifest %s:v1", REPOSITORY).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(OciLayout.sha256(manifest.body()));

        // Size -1 marks a blob that HEAD does not find.
        Map<String, Long> blobSizes = new LinkedHashMap<>();
        for (String digest : image.blobDigests()) {
            HttpRequest head = HttpRequest.newBuilder(drift.baseUrl().resolve("/v2/" + REPOSITORY + "/blobs/" + digest))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<Void> found = HTTP.send(head, HttpResponse.BodyHandlers.discarding());
            blobSizes.put(digest, found.statusCode() == 200 ? found.headers().firstValueAsLong("Content-Length").orElse(-1) : -1);
        }

        JsonNode profile = getJson(drift, "/v1/profiles/steam-gaming");
        return new Snapshot(texts(catalog.path("repositories")), texts(tags.path("tags")),
                OciLayout.sha256(manifest.body()), blobSizes,
                profile.findValuesAsText("name"), profile.findValuesAsText("version"));
    }

    private static JsonNode getJson(DriftProcess drift, String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(drift.baseUrl().resolve(path)));
        assertThat(response.statusCode()).as("GET %s answered %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
