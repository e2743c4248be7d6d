package dev.drift.ops.registry.migrate;

import static dev.drift.ops.registry.OciFixtures.INDEX;
import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.OciFixtures;
import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's acceptance test: a registry filled through the HTTP API on SQLite, migrated to PostgreSQL with the
 * command-line tool, then served from PostgreSQL: every image pulls with identical digests and bytes, every
 * profile reads back equal (download counts included). Then back from PostgreSQL into a new SQLite file, which
 * holds exactly the rows of the first, and serves the same again.
 */
class MigrationAcceptanceIT {

    @TempDir
    Path dataDir;

    /** Every GET path whose answer must survive the migration (no download URLs: they would count). */
    private final List<String> paths = new ArrayList<>();

    @Test
    void sqliteToPostgresServesTheSameRegistryAndBackToSqliteKeepsEveryRow() throws Exception {
        Path firstSqlite = dataDir.resolve("drift.db");
        Map<String, String> before;
        try (RunningRegistry registry = RunningRegistry.start(dataDir, "")) {
            fill(registry);
            before = snapshot(registry);
        }
        assertThat(before).hasSizeGreaterThan(25);

        String postgresUrl = PostgresServer.shared().createDatabase();
        String urlWithoutPassword = postgresUrl.replace(":" + PostgresServer.PASSWORD + "@", "@");
        Map<String, String> env = Map.of("DRIFT_TO_PASSWORD", PostgresServer.PASSWORD,
                "DRIFT_FROM_PASSWORD", PostgresServer.PASSWORD);

        String dryRun = migrate(0, env, "--from", "sqlite://" + firstSqlite, "--to", urlWithoutPassword, "--dry-run");
        assertThat(dryRun).contains("dry run: nothing was written").contains("is empty: the copy could start");

        String copied = migrate(0, env, "--from", "sqlite://" + firstSqlite, "--to", urlWithoutPassword, "--verify");
        assertThat(copied).containsPattern("copy manifests +5/5 rows")
                .containsPattern("verify bolt_items +ok +3 rows")
                .contains("verified");
        assertThat(copied).doesNotContain(PostgresServer.PASSWORD);

        String refused = migrate(1, env, "--from", "sqlite://" + firstSqlite, "--to", urlWithoutPassword);
        assertThat(refused).contains("is not empty (repositories: 2 rows").contains("--force");

        try (RunningRegistry onPostgres = RunningRegistry.start(dataDir, MetadataBackend.postgresToml(postgresUrl), "",
                Map.of())) {
            assertThat(snapshot(onPostgres)).isEqualTo(before);
        }

        Path secondSqlite = dataDir.resolve("back/drift.db");
        migrate(0, env, "--from", urlWithoutPassword, "--to", "sqlite://" + secondSqlite, "--verify");
        assertThat(MigratorTest.rawRows(secondSqlite)).isEqualTo(MigratorTest.rawRows(firstSqlite));
        try (RunningRegistry backOnSqlite = RunningRegistry.start(dataDir, """
                [database]
                backend = "sqlite"
                sqlite_path = "%s"
                """.formatted(secondSqlite), "", Map.of())) {
            assertThat(snapshot(backOnSqlite)).isEqualTo(before);
        }

        // PostgreSQL numbers new rows after the copied ids: pushing and uploading more still works.
        try (RunningRegistry onPostgres = RunningRegistry.start(dataDir, MetadataBackend.postgresToml(postgresUrl), "",
                Map.of())) {
            byte[] later = OciFixtures.imageManifest(onPostgres, "library/app", null, null, bytes("later layer"));
            OciFixtures.putManifest(onPostgres, "library/app", "after-migration", later, MANIFEST);
            OciFixtures.putManifest(onPostgres, "brand/new", "v1", OciFixtures.imageManifest(onPostgres, "brand/new",
                    null, null, bytes("new repo layer")), MANIFEST);
            assertThat(uploadProfile(onPostgres, "added-after-migration").statusCode()).isEqualTo(201);
            assertThat(RunningRegistry.text(onPostgres.get("/v2/library/app/tags/list"))).contains("after-migration");
        }
    }

    /** Runs the tool in-process and returns what it printed; asserts its exit code. */
    private static String migrate(int expectedExit, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MigrateMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    private void fill(RunningRegistry registry) throws Exception {
        byte[] imageA = OciFixtures.imageManifest(registry, "library/app", null, null,
                bytes("layer a1"), bytes("layer a2"), bytes("layer a3"));
        String digestA = OciFixtures.putManifest(registry, "library/app", "v1", imageA, MANIFEST);
        OciFixtures.putManifest(registry, "library/app", "latest", imageA, MANIFEST);
        byte[] imageB = OciFixtures.imageManifest(registry, "library/app", null, null, bytes("layer b1"), bytes("layer b2"));
        String digestB = OciFixtures.putManifest(registry, "library/app", "v2", imageB, MANIFEST);
        String subject = OciFixtures.descriptor(MANIFEST, Digest.parse(digestA), imageA.length);
        byte[] signature = OciFixtures.imageManifest(registry, "library/app", "application/vnd.example.signature",
                subject, bytes("signature bytes"));
        String signatureDigest = OciFixtures.putManifest(registry, "library/app",
                Digest.sha256(signature).toString(), signature, MANIFEST);
        byte[] index = OciFixtures.index(List.of(
                OciFixtures.descriptor(MANIFEST, Digest.parse(digestA), imageA.length),
                OciFixtures.descriptor(MANIFEST, Digest.parse(digestB), imageB.length)));
        String indexDigest = OciFixtures.putManifest(registry, "library/app", "multi", index, INDEX);
        byte[] tool = OciFixtures.imageManifest(registry, "team/tool", null, null, bytes("tool 1"), bytes("tool 2"));
        String toolDigest = OciFixtures.putManifest(registry, "team/tool", "stable", tool, MANIFEST);

        paths.addAll(List.of("/v2/_catalog", "/v2/library/app/tags/list", "/v2/team/tool/tags/list",
                "/v2/library/app/referrers/" + digestA,
                "/v2/library/app/referrers/" + digestA + "?artifactType=application/vnd.example.signature"));
        for (String tag : List.of("v1", "latest", "v2", "multi")) {
            paths.add("/v2/library/app/manifests/" + tag);
        }
        for (String digest : List.of(digestA, digestB, signatureDigest, indexDigest)) {
            paths.add("/v2/library/app/manifests/" + digest);
        }
        paths.add("/v2/team/tool/manifests/stable");
        paths.add("/v2/team/tool/manifests/" + toolDigest);
        for (byte[] manifest : List.of(imageA, imageB, signature)) {
            for (String blob : blobDigests(manifest)) {
                paths.add("/v2/library/app/blobs/" + blob);
            }
        }
        for (String blob : blobDigests(tool)) {
            paths.add("/v2/team/tool/blobs/" + blob);
        }

        assertThat(uploadProfile(registry, "steam-gaming").statusCode()).isEqualTo(201);
        assertThat(uploadProfile(registry, "quiet-office").statusCode()).isEqualTo(201);
        assertThat(registry.post("/v1/plugins/upload", "application/json", """
                {"plugin": {"name": "fps-overlay", "version": "0.9.1", "plugin_type": "overlay"},
                 "content_base64": "AAECAw=="}""".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(registry.get("/v1/profiles/steam-gaming/download").statusCode()).isEqualTo(200);
        }
        assertThat(registry.get("/v1/plugins/fps-overlay/download").statusCode()).isEqualTo(200);
        paths.addAll(List.of("/v1/profiles/steam-gaming", "/v1/profiles/quiet-office", "/v1/plugins/fps-overlay",
                "/v1/profiles", "/v1/profiles/search?q=gaming", "/v1/plugins", "/v1/metrics"));
    }

    private static HttpResponse<byte[]> uploadProfile(RunningRegistry registry, String name) throws Exception {
        return registry.post("/v1/profiles/upload", "application/json", ("""
                {"profile": {"name": "%s", "version": "1.2.0", "description": "Optimized; \\"quoted\\" \\\\ ünïcødé",
                             "author": "gaming-team", "tags": ["gaming", "steam"], "rating": 4.8},
                 "content": "[profile]\\nname = \\"%s\\"\\n"}""").formatted(name, name).getBytes(StandardCharsets.UTF_8));
    }

    /** Status, content digest header and a hash of the body of every recorded path, in path order. */
    private Map<String, String> snapshot(RunningRegistry registry) throws Exception {
        Map<String, String> answers = new TreeMap<>();
        for (String path : paths) {
            HttpResponse<byte[]> response = registry.get(path);
            answers.put(path, response.statusCode() + " " + response.headers().firstValue("Docker-Content-Digest")
                    .orElse("-") + " " + Digest.sha256(response.body()));
        }
        return answers;
    }

    /** The config and layer digests an image manifest names. */
    private static List<String> blobDigests(byte[] manifest) {
        List<String> digests = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"")
                .matcher(new String(manifest, StandardCharsets.UTF_8));
        while (matcher.find()) {
            digests.add(matcher.group(1));
        }
        return digests;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
