package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.Latencies;
import dev.drift.ops.benchkit.Measurement;
import dev.drift.ops.benchkit.TimedLoop;
import dev.drift.ops.deploy.Login;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The HTTP workload, the same for every registry: blob push and pull throughput per size and
 * concurrency, manifest PUT and GET rates, then each server's resident memory.
 *
 * <p>The servers run side by side and take each figure in turn (the peer's push 1 MB x1,
 * then Drift's, then the next figure), one server busy at a time: on a shared machine whose load
 * drifts over minutes, the numbers that are compared are taken seconds apart. Each measurement is
 * bounded by the duration and by a count (at most {@link #MAX_BYTES} moved per blob measurement).
 */
public final class HttpBench {

    static final long MAX_BYTES = 4_000_000_000L;
    private static final long MAX_MANIFEST_OPERATIONS = 1_000_000;
    private static final long WARM_UP_BLOB = 1_000_000;
    private static final String MANIFEST_REPOSITORY = "bench/manifests";

    /** The key of the machine's limit figures in {@link #run}'s answer. */
    static final String LIMIT = "machine limit";

    private final BenchSettings settings;
    private final Consumer<String> progress;
    private final Optional<MachineLimit> limit;
    private final Optional<Login> login;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param limit when given, each push and pull figure is also taken of the machine's limit, right after the servers'
     * @param login the login every request to the registries carries, when they ask for one
     */
    public HttpBench(BenchSettings settings, Consumer<String> progress, Optional<MachineLimit> limit,
                     Optional<Login> login) {
        this.settings = settings;
        this.progress = progress;
        this.limit = limit;
        this.login = login;
    }

    /** Each server's figures, by server name, all in the same order; the limit's push and pull under {@link #LIMIT}. */
    public Map<String, List<Figure>> run(List<ServerProcess> servers) {
        List<Figure> limitFigures = new ArrayList<>();
        List<Target> targets = servers.stream().map(server -> new Target(server, login)).toList();
        if (login.isPresent()) {
            targets.forEach(HttpBench::requireLogin);
        }
        for (Target target : targets) {
            progress.accept(target.name() + ": warm-up " + settings.warmUp().toSeconds() + " s");
            warmUp(target.client);
        }
        for (long size : settings.blobSizes()) {
            for (int concurrency : settings.concurrencies()) {
                String label = sizeLabel(size) + " x" + concurrency;
                for (Target target : targets) {
                    progress.accept(target.name() + ": push " + label);
                    target.figures.add(Figure.throughput("blobs", "push " + label, push(target, size, concurrency)));
                }
                limit.ifPresent(machine -> {
                    progress.accept(LIMIT + ": hash, write, fsync and rename " + label);
                    limitFigures.add(Figure.throughput("blobs", "push " + label,
                            machine.push(size, concurrency, settings.duration())));
                });
                for (Target target : targets) {
                    progress.accept(target.name() + ": pull " + label);
                    target.figures.add(Figure.throughput("blobs", "pull " + label, pull(target, size, concurrency)));
                }
                limit.ifPresent(machine -> {
                    progress.accept(LIMIT + ": nginx sendfile " + label);
                    limitFigures.add(Figure.throughput("blobs", "pull " + label,
                            machine.pull(size, concurrency, settings.duration())));
                });
            }
        }
        for (Target target : targets) {
            target.manifestPrefix = imageManifestPrefix(target.client, MANIFEST_REPOSITORY);
        }
        for (int concurrency : settings.concurrencies()) {
            Map<Target, List<String>> tags = new LinkedHashMap<>();
            for (Target target : targets) {
                progress.accept(target.name() + ": manifest PUT x" + concurrency);
                tags.put(target, new CopyOnWriteArrayList<>());
                Latencies latencies = new Latencies();
                target.figures.add(Figure.rate("manifests", "manifest PUT x" + concurrency,
                        putManifests(target, concurrency, tags.get(target), latencies)));
                target.figures.addAll(percentiles("manifest PUT x" + concurrency, latencies));
            }
            for (Target target : targets) {
                progress.accept(target.name() + ": manifest GET x" + concurrency);
                Latencies latencies = new Latencies();
                target.figures.add(Figure.rate("manifests", "manifest GET x" + concurrency,
                        getManifests(target, concurrency, tags.get(target), latencies)));
                target.figures.addAll(percentiles("manifest GET x" + concurrency, latencies));
            }
        }
        Map<String, List<Figure>> figures = new LinkedHashMap<>();
        for (Target target : targets) {
            ResidentMemory memory = target.server.memory();
            target.figures.add(Figure.memory("RSS peak", memory.peakMb()));
            target.figures.add(Figure.memory("RSS after run", memory.currentMb()));
            figures.put(target.name(), List.copyOf(target.figures));
        }
        if (limit.isPresent()) {
            figures.put(LIMIT, List.copyOf(limitFigures));
        }
        return figures;
    }

    /** A run with auth measures it only if the server refuses a request without the login and takes one with it. */
    private static void requireLogin(Target target) {
        try {
            int anonymous = new RegistryClient(target.server.baseUrl()).apiVersionStatus();
            int loggedIn = target.client.apiVersionStatus();
            if (anonymous != 401 || loggedIn != 200) {
                throw new BenchException(target.name() + " answered GET /v2/ with " + anonymous + " without the login and "
                        + loggedIn + " with it, not 401 and 200: its basic auth is not on");
            }
        } catch (IOException e) {
            throw new BenchException(target.name() + " did not answer GET /v2/: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    private Measurement push(Target target, long size, int concurrency) {
        String repository = "bench/blobs-" + size;
        List<String> pushed = target.pushed.computeIfAbsent(size, key -> new CopyOnWriteArrayList<>());
        return TimedLoop.run(concurrency, settings.duration(), maxBlobOperations(size, concurrency), sequence -> {
            pushed.add(target.client.pushBlob(repository, new BlobContent(size, ids.incrementAndGet())));
            return size;
        });
    }

    private Measurement pull(Target target, long size, int concurrency) {
        String repository = "bench/blobs-" + size;
        List<String> pushed = target.pushed.get(size);
        return TimedLoop.run(concurrency, settings.duration(), maxBlobOperations(size, concurrency),
                sequence -> target.client.pullBlob(repository, pushed.get((int) (sequence % pushed.size())), size));
    }

    /** The p50 and p99 rows of one manifest figure: what a single request made its caller wait. */
    private static List<Figure> percentiles(String figure, Latencies latencies) {
        return List.of(Figure.latency("manifests", figure + " p50", latencies.percentileMillis(50), latencies.count()),
                Figure.latency("manifests", figure + " p99", latencies.percentileMillis(99), latencies.count()));
    }

    private Measurement putManifests(Target target, int concurrency, List<String> tags, Latencies latencies) {
        return TimedLoop.run(concurrency, settings.duration(), MAX_MANIFEST_OPERATIONS, latencies.timing(sequence -> {
            String tag = "c" + concurrency + "-" + sequence;
            target.client.putManifest(MANIFEST_REPOSITORY, tag, manifest(target.manifestPrefix, tag));
            tags.add(tag);
            return 0;
        }));
    }

    private Measurement getManifests(Target target, int concurrency, List<String> tags, Latencies latencies) {
        return TimedLoop.run(concurrency, settings.duration(), MAX_MANIFEST_OPERATIONS, latencies.timing(sequence -> {
            target.client.getManifest(MANIFEST_REPOSITORY, tags.get((int) (sequence % tags.size())));
            return 0;
        }));
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

    /** One server under test and what the workload has left on it so far. */
    private static final class Target {
        final ServerProcess server;
        final RegistryClient client;
        final Map<Long, List<String>> pushed = new LinkedHashMap<>();
        final List<Figure> figures = new ArrayList<>();
        byte[] manifestPrefix;

        Target(ServerProcess server, Optional<Login> login) {
            this.server = server;
            this.client = new RegistryClient(server.baseUrl(), login);
        }

        String name() {
            return server.name();
        }
    }
}
