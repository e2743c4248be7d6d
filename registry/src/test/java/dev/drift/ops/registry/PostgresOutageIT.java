package dev.drift.ops.registry;

import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.imageManifest;
import static dev.drift.ops.registry.OciFixtures.putManifest;
import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.testkit.PostgresServer;

/**
 * A registry whose PostgreSQL goes away and comes back: it says so (503 on /readyz and on API requests, with the
 * APIs' error bodies), keeps no half-written push, and serves again by itself once the database is back. The
 * PostgreSQL server here is this class's own, since it gets stopped.
 */
class PostgresOutageIT {

    /** Far above the store's own connection timeouts: a request that takes this long has hung. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private static PostgresServer postgres;

    private String database;
    private RunningRegistry registry;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.startPrivate();
    }

    @AfterAll
    static void removePostgres() {
        postgres.close();
    }

    /** A registry on a new database; PostgreSQL is running again even if the test before failed while it was down. */
    @BeforeEach
    void start() throws Exception {
        postgres.start();
        String url = postgres.createDatabase();
        database = url.substring(url.lastIndexOf('/') + 1);
        registry = RunningRegistry.start(dataDir, MetadataBackend.postgresToml(url), "", Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void whilePostgresIsDownEverythingAnswers503AndTheServerRecoversByItself() throws Exception {
        byte[] before = imageManifest(registry, "app", null, null, "pushed before".getBytes(StandardCharsets.UTF_8));
        putManifest(registry, "app", "v1", before, MANIFEST);
        byte[] during = imageManifest(registry, "app", null, null, "pushed during".getBytes(StandardCharsets.UTF_8));

        postgres.stop();

        HttpResponse<byte[]> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(text(ready)).startsWith("Not Ready").contains("metadata database");
        assertThat(get("/health").statusCode()).isEqualTo(200);

        HttpResponse<byte[]> pull = get("/v2/app/manifests/v1");
        assertThat(pull.statusCode()).isEqualTo(503);
        assertThat(json(pull).path("errors").path(0).path("code").asText()).isEqualTo("UNAVAILABLE");
        HttpResponse<byte[]> push = registry.send(registry.request("/v2/app/manifests/v2")
                .timeout(ANSWER_WITHIN).header("Content-Type", MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(during)));
        assertThat(push.statusCode()).isEqualTo(503);
        assertThat(json(push).path("errors").path(0).path("code").asText()).isEqualTo("UNAVAILABLE");

        HttpResponse<byte[]> profiles = get("/v1/profiles");
        assertThat(profiles.statusCode()).isEqualTo(503);
        assertThat(json(profiles).path("error").asText()).contains("unavailable");

        postgres.start();

        awaitReady();
        assertThat(registry.get("/v2/app/manifests/v1").body()).isEqualTo(before);
        assertThat(registry.get("/v2/app/manifests/v2").statusCode()).as("the push refused during the outage").isEqualTo(404);
        putManifest(registry, "app", "v2", during, MANIFEST);
        assertThat(registry.get("/v2/app/manifests/v2").body()).isEqualTo(during);
    }

    @Test
    void aPushCutOffByTheOutageLeavesNoManifestTagOrReference() throws Exception {
        byte[] manifest = imageManifest(registry, "app", null, null, "cut off".getBytes(StandardCharsets.UTF_8));
        Digest digest = Digest.sha256(manifest);
        CompletableFuture<HttpResponse<byte[]>> push;
        try (Connection blocker = postgres.admin(database); Statement statement = blocker.createStatement()) {
            // Hold the tags table: the push writes its manifest row and references, then waits to write the tag.
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE tags IN ACCESS EXCLUSIVE MODE");
            push = CompletableFuture.supplyAsync(() -> {
                try {
                    return registry.put("/v2/app/manifests/v1", MANIFEST, manifest);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            PostgresServer.awaitSessionWaitingOnLock(blocker);

            postgres.stop();
        }

        HttpResponse<byte[]> cutOff = push.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(cutOff.statusCode()).as(text(cutOff)).isEqualTo(503);
        postgres.start();
        awaitReady();

        assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
        assertThat(registry.get("/v2/app/manifests/" + digest).statusCode()).isEqualTo(404);
        try (Connection admin = postgres.admin(database); Statement statement = admin.createStatement();
             ResultSet counts = statement.executeQuery("SELECT (SELECT COUNT(*) FROM manifests),"
                     + " (SELECT COUNT(*) FROM manifest_references), (SELECT COUNT(*) FROM tags)")) {
            counts.next();
            assertThat(new long[] {counts.getLong(1), counts.getLong(2), counts.getLong(3)}).containsOnly(0L);
        }
        putManifest(registry, "app", "v1", manifest, MANIFEST);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return registry.send(registry.request(path).timeout(ANSWER_WITHIN).GET());
    }

    /** Polls /readyz until it answers 200; the server has to get there without being restarted. */
    private void awaitReady() throws Exception {
        for (int attempt = 0; attempt < 60; attempt++) {
            if (get("/readyz").statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the registry did not become ready again after PostgreSQL came back");
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }
}
