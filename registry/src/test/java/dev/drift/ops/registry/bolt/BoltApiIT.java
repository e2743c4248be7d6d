package dev.drift.ops.registry.bolt;

import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.http.Json;

/** The Bolt API (/v1) of a real server, driven over HTTP. */
@ParameterizedClass(name = "on {0}")
@EnumSource(MetadataBackend.class)
class BoltApiIT {

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
    void uploadGetDownloadCountsAndDelete() throws Exception {
        HttpResponse<byte[]> uploaded = upload("profiles", """
                {"profile": {"name": "steam-gaming", "version": "1.2.0", "description": "Optimized for Steam",
                             "author": "gaming-team", "tags": ["gaming", "steam"], "rating": 4.8,
                             "compatible_games": ["Dota 2"]},
                 "metadata": {"author_email": "team@example.com"},
                 "content": "[profile]\\nname = \\"steam-gaming\\"\\n"}""");
        assertThat(uploaded.statusCode()).as(text(uploaded)).isEqualTo(201);

        JsonNode profile = json(registry.get("/v1/profiles/steam-gaming"));
        assertThat(profile.path("version").asText()).isEqualTo("1.2.0");
        assertThat(profile.path("compatible_games").get(0).asText()).isEqualTo("Dota 2");
        assertThat(profile.path("downloads").asLong()).isZero();

        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> download = registry.get("/v1/profiles/steam-gaming/download");
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(text(download)).isEqualTo("[profile]\nname = \"steam-gaming\"\n");
            assertThat(download.headers().firstValue("Content-Type")).contains("application/vnd.bolt.profile.v1+toml");
        }
        assertThat(json(registry.get("/v1/profiles/steam-gaming")).path("downloads").asLong()).isEqualTo(2);
        assertThat(json(registry.get("/v1/metrics")).path("total_downloads").asLong()).isEqualTo(2);

        assertThat(registry.delete("/v1/profiles/steam-gaming").statusCode()).isEqualTo(204);
        assertThat(registry.get("/v1/profiles/steam-gaming").statusCode()).isEqualTo(404);
        assertThat(registry.delete("/v1/profiles/steam-gaming").statusCode()).isEqualTo(404);
    }

    @Test
    void listAndSearchPage() throws Exception {
        for (int i = 1; i <= 5; i++) {
            upload("profiles", "{\"name\":\"fps-" + i + "\",\"version\":\"1.0\",\"description\":\"Competitive FPS " + i
                    + "\",\"tags\":[\"" + (i % 2 == 0 ? "even" : "odd") + "\"]}");
        }
        upload("profiles", "{\"name\":\"racing\",\"version\":\"2.0\",\"description\":\"Racing sims\"}");

        JsonNode page = json(registry.get("/v1/profiles?page=2&per_page=2"));
        assertThat(page.path("total").asLong()).isEqualTo(6);
        assertThat(page.path("pages").asLong()).isEqualTo(3);
        assertThat(page.path("page").asInt()).isEqualTo(2);
        assertThat(page.path("results")).extracting(r -> r.path("name").asText()).containsExactly("fps-3", "fps-4");

        JsonNode search = json(registry.get("/v1/profiles/search?q=competitive"));
        assertThat(search.path("total").asLong()).isEqualTo(5);
        JsonNode byTag = json(registry.post("/v1/profiles/search", "application/json",
                "{\"query\":\"fps\",\"tags\":[\"even\"]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(byTag.path("results")).extracting(r -> r.path("name").asText()).containsExactly("fps-2", "fps-4");
    }

    @Test
    void pluginsAreSeparateFromProfiles() throws Exception {
        assertThat(upload("plugins", """
                {"plugin": {"name": "dlss-optimizer", "version": "1.0.0", "plugin_type": "gpu-optimization"},
                 "content_base64": "AAECAw=="}""").statusCode()).isEqualTo(201);
        assertThat(registry.get("/v1/profiles/dlss-optimizer").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> download = registry.get("/v1/plugins/dlss-optimizer/download");
        assertThat(download.body()).containsExactly(0, 1, 2, 3);
        JsonNode metrics = json(registry.get("/v1/metrics"));
        assertThat(metrics.path("total_plugins").asLong()).isEqualTo(1);
        assertThat(metrics.path("total_profiles").asLong()).isZero();
    }

    @Test
    void badUploadsNameTheProblem() throws Exception {
        HttpResponse<byte[]> noVersion = upload("profiles", "{\"name\":\"x\"}");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(json(noVersion).path("error").asText()).contains("version");

        HttpResponse<byte[]> badName = upload("profiles", "{\"name\":\"Bad Name\",\"version\":\"1\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(json(badName).path("error").asText()).contains("Bad Name");

        assertThat(upload("profiles", "not json").statusCode()).isEqualTo(400);
        assertThat(json(registry.get("/v1/metrics")).path("total_profiles").asLong()).isZero();
    }

    private HttpResponse<byte[]> upload(String kind, String body) throws Exception {
        return registry.post("/v1/" + kind + "/upload", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }
}
