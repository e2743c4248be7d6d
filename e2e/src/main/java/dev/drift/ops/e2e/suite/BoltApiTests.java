package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.Responses.describe;
import static dev.drift.ops.e2e.suite.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

/**
 * Drift's Bolt API for gaming profiles and plugins: upload, get, list, search, download counts and
 * delete. Every name and tag carries this run's unique prefix, so counts hold on a shared registry.
 */
@DriftE2e
@Tag("bolt")
class BoltApiTests {

    private final Registry registry;
    private final String prefix = Names.unique();
    private final List<String> uploaded = new ArrayList<>();

    BoltApiTests(Registry registry) {
        this.registry = registry;
    }

    @AfterAll
    void deleteUploads() {
        uploaded.forEach(path -> registry.given().delete(path));
    }

    @Test
    void profileIsUploadedDownloadedCountedAndDeleted() {
        String name = prefix + "-steam";
        String content = "[profile]\nname = \"" + name + "\"\ngpu = \"high\"\n";
        ObjectNode body = Json.object();
        body.putObject("profile").put("name", name).put("version", "1.2.0").put("description", "Optimized for Steam")
                .put("author", "e2e").put("rating", 4.5).putArray("tags").add("gaming").add(prefix + "-steam-tag");
        body.putObject("metadata").put("source", "drift e2e");
        body.put("content", content);
        Response created = upload("profiles", body);
        assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);

        JsonNode profile = json(registry.given().get("/v1/profiles/" + name));
        assertThat(profile.path("version").asText()).isEqualTo("1.2.0");
        assertThat(profile.path("description").asText()).isEqualTo("Optimized for Steam");
        assertThat(profile.path("downloads").asLong()).isZero();
        long downloadsBefore = json(registry.given().get("/v1/metrics")).path("total_downloads").asLong();

        for (int i = 0; i < 2; i++) {
            Response download = registry.given().get("/v1/profiles/" + name + "/download");
            assertThat(download.statusCode()).as(describe(download)).isEqualTo(200);
            assertThat(download.asString()).isEqualTo(content);
        }
        assertThat(json(registry.given().get("/v1/profiles/" + name)).path("downloads").asLong()).isEqualTo(2);
        assertThat(json(registry.given().get("/v1/metrics")).path("total_downloads").asLong())
                .as("total_downloads grew by at least our two downloads")
                .isGreaterThanOrEqualTo(downloadsBefore + 2);

        Response deleted = registry.given().delete("/v1/profiles/" + name);
        assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(204);
        assertThat(registry.given().get("/v1/profiles/" + name).statusCode()).isEqualTo(404);
        assertThat(registry.given().delete("/v1/profiles/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void profilesAreListedAndSearchedInPages() {
        String group = Names.unique();
        for (int i = 1; i <= 5; i++) {
            ObjectNode profile = Json.object().put("name", group + "-fps-" + i).put("version", "1.0")
                    .put("description", "Competitive FPS " + i + " of " + group);
            profile.putArray("tags").add(group + (i % 2 == 0 ? "-even" : "-odd"));
            assertThat(upload("profiles", profile).statusCode()).isEqualTo(201);
        }

        JsonNode search = json(registry.given().get("/v1/profiles/search?q=" + group + "&per_page=2&page=2"));
        assertThat(search.path("total").asLong()).as("search for %s: %s", group, search).isEqualTo(5);
        assertThat(search.path("pages").asLong()).isEqualTo(3);
        assertThat(search.path("page").asInt()).isEqualTo(2);
        assertThat(search.path("per_page").asInt()).isEqualTo(2);
        assertThat(names(search)).hasSize(2).allMatch(name -> name.startsWith(group + "-fps-"));

        JsonNode byTag = json(registry.given().get("/v1/profiles/search?tag=" + group + "-even"));
        assertThat(names(byTag)).containsExactlyInAnyOrder(group + "-fps-2", group + "-fps-4");

        ObjectNode query = Json.object().put("query", group);
        query.putArray("tags").add(group + "-odd");
        Response posted = registry.given().contentType("application/json").body(Json.bytes(query)).post("/v1/profiles/search");
        assertThat(posted.statusCode()).as(describe(posted)).isEqualTo(200);
        assertThat(names(json(posted))).containsExactlyInAnyOrder(group + "-fps-1", group + "-fps-3", group + "-fps-5");

        JsonNode list = json(registry.given().get("/v1/profiles?per_page=2"));
        assertThat(list.path("total").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(list.path("results")).hasSizeLessThanOrEqualTo(2);
        assertThat(list.path("pages").asLong()).isEqualTo((list.path("total").asLong() + 1) / 2);
    }

    @Test
    void pluginIsSeparateFromProfilesAndDownloadsItsBytes() {
        String name = prefix + "-dlss";
        ObjectNode body = Json.object();
        body.putObject("plugin").put("name", name).put("version", "1.0.0").put("plugin_type", "gpu-optimization");
        body.put("content_base64", Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, 3}));
        Response created = upload("plugins", body);
        assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);

        assertThat(registry.given().get("/v1/profiles/" + name).statusCode()).isEqualTo(404);
        Response download = registry.given().get("/v1/plugins/" + name + "/download");
        assertThat(download.statusCode()).as(describe(download)).isEqualTo(200);
        assertThat(download.asByteArray()).containsExactly(0, 1, 2, 3);
        assertThat(json(registry.given().get("/v1/metrics")).path("total_plugins").asLong()).isPositive();

        assertThat(registry.given().delete("/v1/plugins/" + name).statusCode()).isEqualTo(204);
        assertThat(registry.given().get("/v1/plugins/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void metricsCountProfilesAndPlugins() {
        Response metrics = registry.given().get("/v1/metrics");
        assertThat(metrics.statusCode()).as(describe(metrics)).isEqualTo(200);
        JsonNode body = json(metrics);
        for (String field : List.of("total_profiles", "total_plugins", "total_downloads")) {
            assertThat(body.path(field).isIntegralNumber()).as("/v1/metrics has a number %s: %s", field, body).isTrue();
        }
        long profilesBefore = body.path("total_profiles").asLong();
        ObjectNode profile = Json.object().put("name", prefix + "-counted").put("version", "1");
        assertThat(upload("profiles", profile).statusCode()).isEqualTo(201);
        assertThat(json(registry.given().get("/v1/metrics")).path("total_profiles").asLong())
                .isGreaterThanOrEqualTo(profilesBefore + 1);
    }

    @Test
    void badUploadsAreRefusedNamingTheProblem() {
        Response noVersion = upload("profiles", Json.object().put("name", prefix + "-no-version"));
        assertThat(noVersion.statusCode()).as(describe(noVersion)).isEqualTo(400);
        assertThat(noVersion.asString()).contains("version");

        Response badName = upload("profiles", Json.object().put("name", "Not A Name").put("version", "1"));
        assertThat(badName.statusCode()).as(describe(badName)).isEqualTo(400);
        assertThat(badName.asString()).contains("Not A Name");

        Response notJson = registry.given().contentType("application/json").body("not json").post("/v1/profiles/upload");
        assertThat(notJson.statusCode()).as(describe(notJson)).isEqualTo(400);
        assertThat(registry.given().get("/v1/profiles/" + prefix + "-no-version").statusCode()).isEqualTo(404);
    }

    /** Uploads an item and, when the registry took it, remembers it for deletion after the tests. */
    private Response upload(String kind, ObjectNode body) {
        Response response = registry.given().contentType("application/json").body(Json.bytes(body)).post("/v1/" + kind + "/upload");
        if (response.statusCode() == 201) {
            JsonNode item = body.has("profile") ? body.get("profile") : body.has("plugin") ? body.get("plugin") : body;
            uploaded.add("/v1/" + kind + "/" + item.path("name").asText());
        }
        return response;
    }

    private static List<String> names(JsonNode page) {
        return Json.texts(page.path("results"), "name");
    }
}
