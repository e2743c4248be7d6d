package dev.drift.ops.registry.gc;

import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.imageManifest;
import static dev.drift.ops.registry.OciFixtures.pushBlob;
import static dev.drift.ops.registry.OciFixtures.putManifest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.registry.Concurrently;
import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.FsBlobStore;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MetadataStores;

/**
 * Garbage collection while clients push, pull and delete tags on a running server. Old garbage is made first (blobs no
 * manifest references, untagged images, tags that the load then deletes) and left to age past the window; then
 * collectors, pushes of new images, pulls and tag deletes run at once. Afterwards every listed tag must resolve, every
 * blob it references must hash to its digest, and nothing unreferenced and older than the window may be left.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(MetadataBackend.class)
class GcUnderLoadIT {

    /**
     * The collection window. Pushes during the load take milliseconds each, far inside it; the garbage made before the
     * load waits it out once (a sleep, not a timing assertion: only the content's age depends on it).
     */
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final int OLD_IMAGES = 6;
    private static final int THREADS = 4;
    private static final int ROUNDS = 6;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    @Parameter
    MetadataBackend backend;

    @TempDir
    Path dataDir;

    private RunningRegistry registry;
    private MetadataStore store;
    private FsBlobStore blobs;
    private GarbageCollector collector;

    @BeforeEach
    void start() throws Exception {
        String database = backend.databaseToml(dataDir);
        registry = RunningRegistry.start(dataDir, database, "", Map.of());
        // The collector's own stores over the server's database and blob directory, as a second process would have.
        DriftConfig config = DriftConfig.parse("[storage]\nbackend = \"fs\"\npath = \"" + dataDir.resolve("blobs")
                + "\"\n\n" + database, "gc drift.toml", Map.of());
        store = MetadataStores.open(config.database());
        blobs = new FsBlobStore(config.storage().path());
        collector = new GarbageCollector(store, blobs, WINDOW, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        registry.close();
    }

    @Test
    void collectorsRacingPushesPullsAndTagDeletesLeaveEveryTagWholeAndNoOldGarbage() throws Exception {
        List<String> oldGarbage = new ArrayList<>();
        for (int i = 0; i < OLD_IMAGES; i++) {
            oldGarbage.add(pushBlob(registry, "old/loose", ("loose layer " + i).getBytes(StandardCharsets.UTF_8)).toString());
            byte[] untagged = imageManifest(registry, "old/untagged", null, null, bytes("untagged layer " + i));
            putManifest(registry, "old/untagged", Digest.sha256(untagged).toString(), untagged, MANIFEST);
            byte[] doomed = imageManifest(registry, "old/doomed", null, null, bytes("doomed layer " + i));
            putManifest(registry, "old/doomed", "t" + i, doomed, MANIFEST);
            byte[] kept = imageManifest(registry, "old/kept", null, null, bytes("kept layer " + i));
            putManifest(registry, "old/kept", "t" + i, kept, MANIFEST);
        }
        Thread.sleep(WINDOW.plusSeconds(1).toMillis());

        AtomicInteger operations = new AtomicInteger();
        AtomicLong bytesFreed = new AtomicLong();
        ConcurrentLinkedQueue<String> refusedCollections = new ConcurrentLinkedQueue<>();
        Concurrently.run(THREADS, ROUNDS, (thread, round) -> {
            operations.incrementAndGet();
            switch (thread) {
                case 0 -> collector.collect(true, false).ifPresentOrElse(
                        result -> bytesFreed.addAndGet(result.bytesFreed()), () -> refusedCollections.add("busy"));
                case 1 -> {
                    HttpResponse<byte[]> deleted = registry.delete("/v2/old/doomed/manifests/t" + round);
                    assertThat(deleted.statusCode()).as(RunningRegistry.text(deleted)).isEqualTo(202);
                }
                case 2 -> {
                    byte[] image = imageManifest(registry, "new/app", null, null, bytes("new layer " + round));
                    putManifest(registry, "new/app", "r" + round, image, MANIFEST);
                }
                default -> pullWhole("old/kept", "t" + round);
            }
        });
        GcResult last = collector.collect(true, false).orElseThrow();
        bytesFreed.addAndGet(last.bytesFreed());

        int checked = 0;
        for (String repository : store.listRepositories(null, 1000)) {
            for (String tag : store.listTags(repository, null, 1000)) {
                checked += pullWhole(repository, tag);
            }
        }
        Instant cutoff = Instant.now().minus(WINDOW);
        assertThat(store.unreferencedBlobs(cutoff)).as("unreferenced blobs older than the window").isEmpty();
        assertThat(store.unreachedManifests(cutoff)).as("unreached manifests older than the window").isEmpty();
        for (String digest : oldGarbage) {
            assertThat(blobs.size(Digest.parse(digest))).as("the file of " + digest).isEmpty();
        }
        assertThat(store.listTags("old/doomed", null, 100)).isEmpty();
        assertThat(store.listTags("old/kept", null, 100)).hasSize(OLD_IMAGES);
        assertThat(store.listTags("new/app", null, 100)).hasSize(ROUNDS);
        assertThat(bytesFreed.get()).isPositive();
        System.out.printf("GcUnderLoadIT on %s: %d operations at once (%d collections, %d refused as busy), "
                        + "%d manifests and blobs of listed tags pulled and hashed, %d bytes freed%n", backend, operations.get() + 1, ROUNDS + 1,
                refusedCollections.size(), checked, bytesFreed.get());
    }

    /**
     * Pulls the tag's manifest and every blob it names and checks each hashes to its digest; returns how many pieces
     * of content were checked (a manifest then its config and layers).
     */
    private int pullWhole(String repository, String tag) throws Exception {
        HttpResponse<byte[]> manifest = registry.get("/v2/" + repository + "/manifests/" + tag);
        assertThat(manifest.statusCode()).as(repository + ":" + tag + " " + RunningRegistry.text(manifest)).isEqualTo(200);
        assertThat(Digest.sha256(manifest.body()).toString())
                .isEqualTo(manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
        int checked = 1;
        Matcher digests = DIGEST.matcher(new String(manifest.body(), StandardCharsets.UTF_8));
        while (digests.find()) {
            HttpResponse<byte[]> blob = registry.get("/v2/" + repository + "/blobs/" + digests.group());
            assertThat(blob.statusCode()).as(repository + " blob " + digests.group()).isEqualTo(200);
            assertThat(Digest.sha256(blob.body()).toString()).isEqualTo(digests.group());
            checked++;
        }
        return checked;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
