package dev.drift.ops.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.FsBlobStore;
import dev.drift.ops.registry.ops.RegistryMetrics;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.NewManifest;
import dev.drift.ops.registry.store.UploadSession;

/**
 * The collector over real stores (a blob directory and a metadata database of the backend a subclass opens): what it
 * marks, what a dry run leaves, what a run removes from both stores, and the window it keeps.
 */
public abstract class GarbageCollectorContract {

    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar";
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final Duration WINDOW = Duration.ofDays(1);

    @TempDir
    protected Path dir;

    private MetadataStore store;
    private FsBlobStore blobs;

    /** A store over an empty database of the backend under test. */
    protected abstract MetadataStore openStore(Path dir);

    @BeforeEach
    void open() throws IOException {
        store = openStore(dir);
        blobs = new FsBlobStore(dir.resolve("blobs"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A collector that runs {@code ahead} from now, so what the test stored is that much older than the run. */
    private GarbageCollector collector(Duration ahead) {
        return new GarbageCollector(store, blobs, WINDOW, Clock.fixed(Instant.now().plus(ahead), ZoneOffset.UTC));
    }

    @Test
    void aDryRunListsUnreferencedBlobsAndRemovesNothingThenARunRemovesExactlyThose() throws IOException {
        Digest used = linkedBlob("app", "used layer");
        Digest loose = linkedBlob("app", "loose layer");
        Digest alsoLoose = linkedBlob("other", "another loose layer");
        Digest image = manifest("app", "v1", used);

        GcResult dry = collector(Duration.ofDays(2)).collect(false, true).orElseThrow();

        assertThat(dry.blobs()).containsExactlyInAnyOrder(loose.toString(), alsoLoose.toString());
        assertThat(dry.bytesFreed()).isEqualTo(size("loose layer") + size("another loose layer"));
        assertThat(blobs.size(loose)).isPresent();
        assertThat(store.linkedBlobSize("app", loose.toString())).isPresent();

        GcResult run = collector(Duration.ofDays(2)).collect(false, false).orElseThrow();

        assertThat(run.blobs()).containsExactlyInAnyOrderElementsOf(dry.blobs());
        assertThat(run.bytesFreed()).isEqualTo(dry.bytesFreed());
        assertThat(run.manifests()).isEmpty();
        assertThat(blobs.size(loose)).isEmpty();
        assertThat(blobs.size(alsoLoose)).isEmpty();
        assertThat(store.linkedBlobSize("app", loose.toString())).isEmpty();
        assertThat(blobs.size(used)).isPresent();
        assertThat(blobs.size(image)).as("the tagged manifest's document").isPresent();
        assertThat(store.findManifestByTag("app", "v1")).isPresent();
        assertThat(collector(Duration.ofDays(2)).collect(false, false).orElseThrow().blobs()).isEmpty();
    }

    @Test
    void contentYoungerThanTheWindowStays() throws IOException {
        Digest loose = linkedBlob("app", "loose layer");
        manifest("app", null, linkedBlob("app", "layer of an untagged image"));

        GcResult run = collector(Duration.ofHours(23)).collect(true, false).orElseThrow();

        assertThat(run.blobs()).isEmpty();
        assertThat(run.manifests()).isEmpty();
        assertThat(run.bytesFreed()).isZero();
        assertThat(blobs.size(loose)).isPresent();
    }

    @Test
    void untaggedRemovesUnreachedManifestsTheirDocumentsAndThenTheBlobsOnlyTheyReferenced() throws IOException {
        Digest shared = linkedBlob("app", "shared layer");
        Digest onlyUntagged = linkedBlob("app", "layer of the untagged image");
        Digest tagged = manifest("app", "v1", shared);
        Digest untagged = manifest("app", null, shared, onlyUntagged);

        assertThat(collector(Duration.ofDays(2)).collect(false, false).orElseThrow().blobs())
                .as("without untagged, an untagged manifest still holds its blobs").isEmpty();

        GcResult run = collector(Duration.ofDays(2)).collect(true, false).orElseThrow();

        assertThat(run.manifests()).containsExactly("app@" + untagged);
        assertThat(run.blobs()).containsExactly(onlyUntagged.toString());
        assertThat(blobs.size(untagged)).isEmpty();
        assertThat(blobs.size(onlyUntagged)).isEmpty();
        assertThat(blobs.size(tagged)).isPresent();
        assertThat(blobs.size(shared)).isPresent();
        assertThat(store.findManifest("app", untagged.toString())).isEmpty();
    }

    @Test
    void abandonedUploadsGoWithTheirDataAndRecentOnesStay() throws IOException {
        String old = upload(Instant.now().minus(Duration.ofHours(30)), "half a layer");
        String recent = upload(Instant.now().minus(Duration.ofHours(2)), "a layer in progress");
        GarbageCollector noWindow = new GarbageCollector(store, blobs, Duration.ZERO, Clock.systemUTC());

        GcResult run = noWindow.collect(false, false).orElseThrow();

        assertThat(run.uploads()).containsExactly(old);
        assertThat(run.bytesFreed()).isEqualTo(size("half a layer"));
        assertThat(blobs.uploadedSize(old)).isEmpty();
        assertThat(store.findUpload("app", old)).isEmpty();
        assertThat(blobs.uploadedSize(recent)).isPresent();
        assertThat(store.findUpload("app", recent)).isPresent();
    }

    @Test
    void writesACrashCutOffGoOnceAbandonedAndRecentOnesStay() throws IOException {
        Path uploads = dir.resolve("blobs/uploads");
        Path old = Files.writeString(uploads.resolve("put-crashed.tmp"), "half a put from a killed process");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(30))));
        Path recent = Files.writeString(uploads.resolve("put-running.tmp"), "a put in progress");
        GarbageCollector noWindow = new GarbageCollector(store, blobs, Duration.ZERO, Clock.systemUTC());

        noWindow.collect(false, true).orElseThrow();
        assertThat(old).as("a dry run removes nothing").exists();
        noWindow.collect(false, false).orElseThrow();

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    void bytesNoRowNamesGoOnceOlderThanTheWindow() throws IOException {
        Digest orphan = blobs.put(new ByteArrayInputStream("stored, then the process died before linking"
                .getBytes(StandardCharsets.UTF_8)), null, Long.MAX_VALUE);
        Digest used = linkedBlob("app", "used layer");
        manifest("app", "v1", used);

        assertThat(collector(Duration.ofHours(23)).collect(false, false).orElseThrow().blobs())
                .as("within the window").isEmpty();
        GcResult dry = collector(Duration.ofDays(2)).collect(false, true).orElseThrow();
        GcResult run = collector(Duration.ofDays(2)).collect(false, false).orElseThrow();

        assertThat(dry.blobs()).containsExactly(orphan.toString());
        assertThat(run.blobs()).containsExactly(orphan.toString());
        assertThat(run.bytesFreed()).isEqualTo(size("stored, then the process died before linking"));
        assertThat(blobs.size(orphan)).isEmpty();
        assertThat(blobs.size(used)).isPresent();
    }

    @Test
    void uploadAreasWrittenToNoMoreGoWithOrWithoutASession() throws IOException {
        String withoutSession = UUID.randomUUID().toString();
        blobs.startUpload(withoutSession);
        blobs.append(withoutSession, new ByteArrayInputStream("no session row".getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE);
        String withSession = upload(Instant.now(), "started just now, then left");

        assertThat(collector(Duration.ofHours(23)).collect(false, false).orElseThrow().uploads())
                .as("written to within the abandoned age").isEmpty();
        GcResult run = collector(Duration.ofDays(2)).collect(false, false).orElseThrow();

        assertThat(run.uploads()).containsExactlyInAnyOrder(withoutSession, withSession);
        assertThat(run.bytesFreed()).isEqualTo(size("no session row") + size("started just now, then left"));
        assertThat(blobs.uploadedSize(withoutSession)).isEmpty();
        assertThat(blobs.uploadedSize(withSession)).isEmpty();
        assertThat(store.findUpload("app", withSession)).isEmpty();
    }

    @Test
    void aSecondCollectorWhileOneRunsIsRefused() {
        GarbageCollector collector = collector(Duration.ofDays(2));

        var inner = store.underCollectorLock(() -> collector.collect(false, false));

        assertThat(inner).as("the outer lock holder ran").isPresent();
        assertThat(inner.get()).as("the collector inside it was refused").isEmpty();
    }

    @Test
    void theServersCollectorRemovesLooseContentCountsItAndNeverTakesContentYoungerThanThePushGrace() throws Exception {
        Digest loose = linkedBlob("app", "loose for the online collector");
        Digest used = linkedBlob("app", "used by v1");
        manifest("app", "v1", used);
        RegistryMetrics metrics = new RegistryMetrics();

        new OnlineCollector(collector(Duration.ofDays(2)), Duration.ofMinutes(5), metrics).collectOnce();

        assertThat(blobs.size(loose)).isEmpty();
        assertThat(blobs.size(used)).isPresent();
        String text = metricsText(metrics);
        assertThat(text).contains("drift_gc_runs_total{outcome=\"done\"} 1.0")
                .contains("drift_gc_removed_total{kind=\"blob\"} 1.0")
                .contains("drift_gc_freed_bytes_total " + (double) size("loose for the online collector"));
        assertThat(OnlineCollector.window(Duration.ZERO)).isEqualTo(OnlineCollector.PUSH_GRACE);
        assertThat(OnlineCollector.window(Duration.ofDays(3))).isEqualTo(Duration.ofDays(3));
    }

    private static String metricsText(RegistryMetrics metrics) throws IOException {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create().write(text, metrics.registry().scrape());
        return text.toString(StandardCharsets.UTF_8);
    }

    private Digest linkedBlob(String repository, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Digest digest = blobs.put(new ByteArrayInputStream(bytes), null, Long.MAX_VALUE);
        store.linkBlob(repository, digest.toString(), bytes.length, LAYER);
        return digest;
    }

    /** Stores a manifest document referencing {@code layers} (its bytes in the blob store, as a push does). */
    private Digest manifest(String repository, String tag, Digest... layers) throws IOException {
        StringBuilder document = new StringBuilder("{\"schemaVersion\":2,\"layers\":[");
        for (Digest layer : layers) {
            document.append("\"").append(layer).append("\",");
        }
        byte[] bytes = document.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        Digest digest = blobs.put(new ByteArrayInputStream(bytes), null, Long.MAX_VALUE);
        store.putManifest(repository, new NewManifest(digest.toString(), MANIFEST, bytes.length, null, null, null,
                java.util.Arrays.stream(layers).map(Digest::toString).toList(), List.of()), tag);
        return digest;
    }

    private String upload(Instant started, String content) throws IOException {
        String id = UUID.randomUUID().toString();
        blobs.startUpload(id);
        blobs.append(id, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
        store.createUpload(new UploadSession(id, "app", started));
        return id;
    }

    private static long size(String content) {
        return content.getBytes(StandardCharsets.UTF_8).length;
    }
}
