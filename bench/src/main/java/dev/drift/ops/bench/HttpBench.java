package dev.drift.ops.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The HTTP workload, the same for every registry: blob push and pull throughput per size and
 * concurrency, manifest PUT and GET rates, then the server's resident memory. Each measurement is
 * bounded by the duration and by a count (at most {@link #MAX_BYTES} moved per blob measurement).
 */
public final class HttpBench {

    static final long MAX_BYTES = 4_000_000_000L;
    private static final long MAX_MANIFEST_OPERATIONS = 1_000_000;
    private static final long WARM_UP_BLOB = 1_000_000;

    private final BenchSettings settings;
    private final Consumer<String> progress;
    private final AtomicLong ids = new AtomicLong();

    public HttpBench(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public List<Figure> run(ServerProcess server) {
        RegistryClient client = new RegistryClient(server.baseUrl());
        String who = server.name() + ": ";
        progress.accept(who + "warm-up " + settings.warmUp().toSeconds() + " s");
        warmUp(client);
        List<Figure> figures = new ArrayList<>();
        for (long size : settings.blobSizes()) {
            String repository = "bench/blobs-" + size;
            List<String> pushed = new CopyOnWriteArrayList<>();
            for (int concurrency : settings.concurrencies()) {
                String label = sizeLabel(size) + " x" + concurrency;
                progress.accept(who + "push " + label);
                Measurement push = TimedLoop.run(concurrency, settings.duration(), maxBlobOperations(size, concurrency),
                        sequence -> {
                            pushed.add(client.pushBlob(repository, new BlobContent(size, ids.incrementAndGet())));
                            return size;
                        });
                figures.add(Figure.throughput("blobs", "push " + label, push));
                progress.accept(who + "pull " + label);
                Measurement pull = TimedLoop.run(concurrency, settings.duration(), maxBlobOperations(size, concurrency),
                        sequence -> client.pullBlob(repository, pushed.get((int) (sequence % pushed.size())), size));
                figures.add(Figure.throughput("blobs", "pull " + label, pull));
            }
        }
        figures.addAll(manifests(client, who));
        ResidentMemory memory = server.memory();
        figures.add(Figure.memory("RSS peak", memory.peakMb()));
        figures.add(Figure.memory("RSS after run", memory.currentMb()));
        return figures;
    }

    private List<Figure> manifests(RegistryClient client, String who) {
        String repository = "bench/manifests";
        byte[] manifestPrefix = imageManifestPrefix(client, repository);
        List<Figure> figures = new ArrayList<>();
        for (int concurrency : settings.concurrencies()) {
            progress.accept(who + "manifest PUT/GET x" + concurrency);
            List<String> tags = new CopyOnWriteArrayList<>();
            Measurement put = TimedLoop.run(concurrency, settings.duration(), MAX_MANIFEST_OPERATIONS, sequence -> {
                String tag = "c" + concurrency + "-" + sequence;
                client.putManifest(repository, tag, manifest(manifestPrefix, tag));
                tags.add(tag);
                return 0;
            });
            figures.add(Figure.rate("manifests", "manifest PUT x" + concurrency, put));
            Measurement get = TimedLoop.run(concurrency, settings.duration(), MAX_MANIFEST_OPERATIONS, sequence -> {
                client.getManifest(repository, tags.get((int) (sequence % tags.size())));
                return 0;
            });
            figures.add(Figure.rate("manifests", "manifest GET x" + concurrency, get));
        }
        return figures;
    }

    /** Gives both JITs (the server's and ours) the same start: a bit of every kind of request, untimed. */
    private void warmUp(RegistryClient client) {
        List<String> pushed = new CopyOnWriteArrayList<>();
        String repository = "bench/warm-up";
        TimedLoop.run(2, settings.warmUp(), 100_000, sequence -> {
            if (sequence % 2 == 0 || pushed.isEmpty()) {
                pushed.add(client.pushBlob(repository, new BlobContent(WARM_UP_BLOB, ids.incrementAndGet())));
            } else {
                client.pullBlob(repository, pushed.get((int) (sequence % pushed.size())), WARM_UP_BLOB);
            }
            return 0;
        });
        byte[] prefix = imageManifestPrefix(client, repository);
        TimedLoop.run(2, settings.warmUp(), 100_000, sequence -> {
            client.putManifest(repository, "w" + sequence, manifest(prefix, "w" + sequence));
            client.getManifest(repository, "w" + sequence);
            return 0;
        });
    }

    /**
     * Pushes a config and a layer once and answers the start of an image manifest that references
     * them; {@link #manifest} completes it with an annotation that makes every manifest distinct.
     */
    private static byte[] imageManifestPrefix(RegistryClient client, String repository) {
        try {
            byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] layer = new byte[1024];
            String configDigest = client.pushSmallBlob(repository, config);
            String layerDigest = client.pushSmallBlob(repository, layer);
            return ("{\"schemaVersion\":2,\"mediaType\":\"" + RegistryClient.MANIFEST_TYPE + "\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                    + "\",\"size\":" + config.length + "},"
                    + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                    + "\",\"size\":" + layer.length + "}],"
                    + "\"annotations\":{\"dev.drift.bench\":\"").getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new BenchException("cannot push the blobs the bench's manifests reference: " + e.getMessage(), e);
        }
    }

    private static byte[] manifest(byte[] prefix, String unique) {
        byte[] suffix = (unique + "\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] manifest = new byte[prefix.length + suffix.length];
        System.arraycopy(prefix, 0, manifest, 0, prefix.length);
        System.arraycopy(suffix, 0, manifest, prefix.length, suffix.length);
        return manifest;
    }

    static long maxBlobOperations(long size, int concurrency) {
        return Math.max(concurrency, MAX_BYTES / size);
    }

    static String sizeLabel(long size) {
        return size % 1_000_000 == 0 ? size / 1_000_000 + " MB" : size + " B";
    }
}
