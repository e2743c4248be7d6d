package dev.drift.ops.registry.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.service.SharedContent;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.StoredBlob;
import dev.drift.ops.registry.store.UploadSession;

/**
 * Mark and sweep over the metadata store and the blob store. Marking is a query (what nothing reaches, older than the
 * window); sweeping deletes each candidate's metadata in a transaction that checks it again under lock, and only then
 * its file, so content that a push linked or referenced after marking stays. The file goes under the digest's content
 * lock ({@link SharedContent}), so a push of the same bytes meanwhile either links them first (and they stay) or finds
 * them gone (and links nothing).
 *
 * <p>Last come the blob store's own leftovers, which no row names: files a crash left between storing and linking, and
 * upload areas written to no more for {@link #ABANDONED_UPLOAD_AGE} (with their session, if one is left).
 *
 * <p>The window ({@code [registry] min_age_days}) is counted back from the moment the run starts: nothing created,
 * linked or uploaded within it, or after the run started, is removed. Upload sessions are removed once older than the
 * window and at least {@link #ABANDONED_UPLOAD_AGE}, so a window of 0 does not cut off uploads still running.
 */
public final class GarbageCollector {

    /** An upload session this old is abandoned: clients finish or resume an upload within hours. */
    public static final Duration ABANDONED_UPLOAD_AGE = Duration.ofHours(24);

    /**
     * Rounds of manifest removal per run: each round can only expose the next level (an index's children, a
     * subject's referrers), and no real image nests deeper than a few levels.
     */
    static final int MAX_MANIFEST_ROUNDS = 16;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final SharedContent content;
    private final Duration window;
    private final Clock clock;

    public GarbageCollector(MetadataStore store, BlobStore blobs, Duration window, Clock clock) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the collection window must not be negative, got " + window);
        }
        this.store = store;
        this.blobs = blobs;
        this.content = new SharedContent(store, blobs);
        this.window = window;
        this.clock = clock;
    }

    /**
     * One run; empty if another collector holds the database's collector lock (nothing was looked at).
     *
     * @param untagged also remove manifests no tag, index or subject reaches (and then what only they referenced)
     * @param dryRun   list what would be removed without removing anything; one pass, so content that only a listed
     *                 manifest references shows up in the run after that manifest went
     */
    public Optional<GcResult> collect(boolean untagged, boolean dryRun) {
        return store.underCollectorLock(() -> run(untagged, dryRun));
    }

    private GcResult run(boolean untagged, boolean dryRun) {
        Instant start = clock.instant();
        Instant cutoff = start.minus(window);
        Sweep sweep = new Sweep(dryRun);
        if (untagged) {
            sweepManifests(cutoff, sweep);
        }
        for (StoredBlob blob : store.unreferencedBlobs(cutoff)) {
            if (dryRun || store.deleteUnreferencedBlob(blob.digest(), cutoff)) {
                sweep.blobs.add(blob.digest());
                sweep.bytes += dryRun ? blob.size() : deleteFileIfUnused(blob.digest());
            }
        }
        for (Digest orphan : io(() -> blobs.blobsStoredBefore(cutoff))) {
            long freed = dryRun
                    ? (store.isBlobInUse(orphan.toString()) ? 0 : io(() -> blobs.size(orphan)).orElse(0))
                    : io(() -> content.deleteIfUnused(orphan));
            if (freed > 0) {
                sweep.blobs.add(orphan.toString());
                sweep.bytes += freed;
            }
        }
        Instant abandoned = start.minus(window.compareTo(ABANDONED_UPLOAD_AGE) > 0 ? window : ABANDONED_UPLOAD_AGE);
        for (UploadSession upload : store.uploadsStartedBefore(abandoned)) {
            if (dryRun || store.deleteUpload(upload.id())) {
                removeUploadArea(upload.id(), sweep);
            }
        }
        for (String idle : io(() -> blobs.uploadsIdleSince(abandoned))) {
            if (!sweep.uploads.contains(idle)) {
                if (!dryRun) {
                    store.deleteUpload(idle);
                }
                removeUploadArea(idle, sweep);
            }
        }
        if (!dryRun) {
            // Writes a crash cut off (a put's temp file, an S3 multipart upload) that no upload session names.
            io(() -> blobs.sweepUnfinishedWrites(abandoned));
        }
        return new GcResult(dryRun, sweep.manifests, sweep.blobs, sweep.uploads, sweep.bytes);
    }

    /**
     * Counts and (unless a dry run) removes an upload's bytes. Its session row went first: an upload finishing now then
     * fails as cancelled instead of linking a blob whose upload area is being removed.
     */
    private void removeUploadArea(String id, Sweep sweep) {
        sweep.uploads.add(id);
        sweep.bytes += io(() -> blobs.uploadedSize(id)).orElse(0);
        if (!sweep.dryRun) {
            io(() -> blobs.cancel(id));
        }
    }

    /** Rounds of unreached manifests until a round finds none (a dry run stops after the first). */
    private void sweepManifests(Instant cutoff, Sweep sweep) {
        for (int round = 0; round < MAX_MANIFEST_ROUNDS; round++) {
            List<ManifestRecord> unreached = store.unreachedManifests(cutoff);
            boolean removedAny = false;
            for (ManifestRecord manifest : unreached) {
                if (sweep.dryRun || store.deleteUnreachedManifest(manifest.repository(), manifest.digest(), cutoff)) {
                    removedAny = true;
                    sweep.manifests.add(manifest.repository() + "@" + manifest.digest());
                    sweep.bytes += sweep.dryRun ? manifest.size() : deleteFileIfUnused(manifest.digest());
                }
            }
            if (sweep.dryRun || !removedAny) {
                return;
            }
        }
    }

    /**
     * Deletes the content's file unless something still needs it (another repository's manifest of the same digest,
     * a Bolt item, a link made since); returns the bytes it held. A dry run counts the recorded sizes instead, since
     * what it lists is still linked and so still in use.
     */
    private long deleteFileIfUnused(String digest) {
        return io(() -> content.deleteIfUnused(Digest.parse(digest)));
    }

    /** What a run found; counted as it goes so a failure half way still leaves the metadata consistent. */
    private static final class Sweep {
        final boolean dryRun;
        final List<String> manifests = new ArrayList<>();
        final List<String> blobs = new ArrayList<>();
        final List<String> uploads = new ArrayList<>();
        long bytes;

        Sweep(boolean dryRun) {
            this.dryRun = dryRun;
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
