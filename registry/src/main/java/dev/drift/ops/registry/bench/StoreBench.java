package dev.drift.ops.registry.bench;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.StoreResult;
import dev.drift.ops.benchkit.TimedLoop;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.NewManifest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The seed's "insert/query ops/sec": the registry's own metadata store, in-process (no HTTP in the
 * way), with one caller and with several at once (PostgreSQL's strength is concurrency). Writes are what a push records (a manifest with its tag, a blob link),
 * reads what a pull and a listing ask. Reads run after the writes, over the rows the writes left
 * (on PostgreSQL with fresh planner statistics, see {@link StoreBenchMain}).
 * The caller interleaves backends operation by operation, so compared numbers are taken close in time.
 */
final class StoreBench {

    /** The operations, in the order they must run: the reads need the rows the writes leave. */
    static final List<String> OPERATIONS =
            List.of("putManifest+tag", "linkBlob", "findManifestByTag", "linkedBlobSize", "listTags(100)");

    /** The index of the first read in {@link #OPERATIONS}; those before it write. */
    static final int FIRST_READ = 2;

    private static final String REPOSITORY = "bench/store";
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";
    private static final long MAX_OPERATIONS = 5_000_000;

    private final String backend;
    private final MetadataStore store;
    private final Duration warmUp;
    private final Duration duration;
    private final Consumer<String> progress;
    // Atomic so that concurrent callers each write a row of their own.
    private final AtomicLong manifests = new AtomicLong();
    private final AtomicLong blobs = new AtomicLong();

    StoreBench(String backend, MetadataStore store, Duration warmUp, Duration duration, Consumer<String> progress) {
        this.backend = backend;
        this.store = store;
        this.warmUp = warmUp;
        this.duration = duration;
        this.progress = progress;
    }

    /**
     * Warms up and measures the {@link #OPERATIONS operation} at {@code index} with {@code callers} at once; call the
     * operations in order. The figure is named by both, e.g. {@code linkBlob x8}.
     */
    StoreResult measure(int index, int callers) {
        String operation = OPERATIONS.get(index);
        TimedLoop.Operation body = switch (operation) {
            case "putManifest+tag" -> sequence -> {
                long n = manifests.getAndIncrement();
                store.putManifest(REPOSITORY, manifest(n), tag(n));
                return 0;
            };
            case "linkBlob" -> sequence -> {
                long n = blobs.getAndIncrement();
                store.linkBlob(REPOSITORY, digest(0x1_0000_0000L + n), 1024 + n, LAYER_TYPE);
                return 0;
            };
            case "findManifestByTag" -> sequence -> {
                requirePresent(store.findManifestByTag(REPOSITORY, tag(pick(manifests.get()))).isPresent(), "manifest tag");
                return 0;
            };
            case "linkedBlobSize" -> sequence -> {
                requirePresent(store.linkedBlobSize(REPOSITORY, digest(0x1_0000_0000L + pick(blobs.get()))).isPresent(),
                        "blob link");
                return 0;
            };
            case "listTags(100)" -> sequence -> {
                requirePresent(store.listTags(REPOSITORY, null, 100).size() == Math.min(100, manifests.get()), "tag page");
                return 0;
            };
            default -> throw new IllegalArgumentException(operation);
        };
        String name = operation + " x" + callers;
        progress.accept(backend + " store " + name + ": warm-up " + warmUp.toSeconds() + " s, then "
                + duration.toSeconds() + " s");
        TimedLoop.run(callers, warmUp, MAX_OPERATIONS, body);
        return new StoreResult(backend, index < FIRST_READ ? "write" : "read", name,
                TimedLoop.run(callers, duration, MAX_OPERATIONS, body));
    }

    private static NewManifest manifest(long n) {
        return new NewManifest(digest(n), MANIFEST_TYPE, 512, null, null, null, List.of(), List.of());
    }

    /** A syntactically valid, unique sha256 digest for the number n. */
    static String digest(long n) {
        return "sha256:" + String.format("%064x", n);
    }

    private static String tag(long n) {
        return "t" + n;
    }

    private static long pick(long count) {
        if (count == 0) {
            throw new BenchException("the read benchmarks need the rows the write benchmarks leave; none were written");
        }
        return ThreadLocalRandom.current().nextLong(count);
    }

    private static void requirePresent(boolean present, String what) {
        if (!present) {
            throw new BenchException("the store lost a " + what + " the bench wrote");
        }
    }
}
