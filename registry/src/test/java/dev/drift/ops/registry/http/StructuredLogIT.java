package dev.drift.ops.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.clients.DriftProcess;

/** The server's log with {@code [logging] format = "json"}: JSON lines only, one per request, no secrets. */
class StructuredLogIT {

    private static final String PASSWORD = "tokenonly-secret-123";

    @TempDir
    Path dataDir;

    @Test
    void everyLineIsJsonWithOneAccessLinePerRequestAndNoSecret() throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<String> paths = List.of("/v2/", "/v2/_catalog", "/v1/profiles", "/v2/nothing/tags/list?n=1");
        Path log;
        try (DriftProcess drift = DriftProcess.startSqlite("structured-log", dataDir, "", """
                [auth]
                mode = "basic"
                [auth.basic]
                users = ["ci:%s"]
                """.formatted(PASSWORD))) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : paths) {
                client.send(HttpRequest.newBuilder(drift.baseUrl().resolve(path))
                        .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.discarding());
            }
            client.send(HttpRequest.newBuilder(drift.baseUrl().resolve("/v2/")).build(), HttpResponse.BodyHandlers.discarding());
            log = drift.log();
        }

        String text = Files.readString(log);
        assertThat(text).doesNotContain(PASSWORD).doesNotContain(credentials);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        List<JsonNode> access = lines.stream().filter(line -> line.path("loggerName").asText().equals("drift.access")).toList();
        // The readiness polls of the test helper are access lines too; the requests above are the rest.
        List<JsonNode> apiAccess = access.stream().filter(line -> !path(line).equals("/readyz")).toList();
        assertThat(apiAccess).hasSize(paths.size() + 1);
        assertThat(apiAccess).extracting(StructuredLogIT::path)
                .containsExactly("/v2/", "/v2/_catalog", "/v1/profiles", "/v2/nothing/tags/list", "/v2/");
        assertThat(apiAccess).extracting(line -> keyValue(line, "status"))
                .containsExactly("200", "200", "200", "404", "401");
        assertThat(apiAccess.getFirst().path("level").asText()).isEqualTo("INFO");
        assertThat(apiAccess.getFirst().path("formattedMessage").asText()).startsWith("GET /v2/ 200 ");
        assertThat(lines).anySatisfy(line -> assertThat(line.path("formattedMessage").asText()).contains("plain-text password"));
    }

    private static String path(JsonNode line) {
        return keyValue(line, "path");
    }

    /** Logback's JSON encoder writes key/value pairs as a list of single-entry objects. */
    private static String keyValue(JsonNode line, String key) {
        for (JsonNode pair : line.path("kvpList")) {
            if (pair.has(key)) {
                return pair.get(key).asText();
            }
        }
        return "";
    }
}
