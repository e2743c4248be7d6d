package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.StoreResult;
import dev.drift.ops.benchkit.WeedServer;
import dev.drift.ops.deploy.Login;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One bench run, start to end: a PostgreSQL server if a backend needs one, the store benchmark per
 * backend, a SeaweedFS if blobs go to S3, then the peer registry and Drift on each backend and storage side by side
 * for the HTTP workload (which
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
        settings.peer().require();
        MachineInfo machine = MachineInfo.now();
        progress.accept("load average before the run: " + machine.loadAverage() + " (" + machine.cores() + " cores)");
        try (Cleanup cleanup = new Cleanup()) {
            Path work = createWorkDirectory();
            cleanup.add(new ScratchDirectory(work));
            BenchPostgres postgres = settings.backends().contains(Backend.POSTGRES)
                    ? cleanup.add(startPostgres(work.resolve("postgres"))) : null;

            List<StoreResult> store = measureStores(work, postgres);

            WeedServer seaweedFs = settings.storages().contains(Storage.S3)
                    ? cleanup.add(startSeaweedFs(work.resolve("seaweedfs"))) : null;
            // One login for both registries, made as drift-ops up makes Drift's.
            Optional<Login> login = settings.basicAuth() ? Optional.of(Login.generate()) : Optional.empty();
            Optional<String> basicUser = login.map(Login::bcryptEntry);
            ServerProcess peer = cleanup.add(Servers.peer(settings.peer(), work.resolve(settings.peer().name()),
                    basicUser));
            List<ServerProcess> servers = new ArrayList<>(List.of(peer));
            Map<String, ServerProcess> drifts = new LinkedHashMap<>();
            for (Storage storage : settings.storages()) {
                for (Backend backend : settings.backends()) {
                    String label = storage.label(backend);
                    String name = label.replace('+', '-');
                    Path dir = work.resolve("drift-" + name);
                    String blobs = storage == Storage.FS ? Servers.fsStorage(dir) : seaweedFs.storageToml(name + "/");
                    String database = backend == Backend.SQLITE ? Servers.sqliteDatabase(dir)
                            : Servers.postgresDatabase(postgres.createDatabase("drift_http_" + storage.id()));
                    ServerProcess drift = cleanup.add(Servers.drift(settings.registryJar(), dir, label, blobs, database,
                            basicUser));
                    drifts.put(label, drift);
                    servers.add(drift);
                }
            }
            Optional<MachineLimit> limit = settings.nginx().map(nginx ->
                    cleanup.add(new MachineLimit(work.resolve("limit"), NginxServer.start(nginx))));
            servers.forEach(server -> progress.accept(server.name() + " is up at " + server.baseUrl()));
            Map<String, List<Figure>> figures = new HttpBench(settings, progress, limit, login).run(servers);
            Map<String, List<Figure>> drift = new LinkedHashMap<>();
            drifts.forEach((label, server) -> drift.put(label, figures.get(server.name())));
            List<Figure> peerFigures = figures.get(peer.name());
            return BenchResult.assemble(machine, settings, settings.peer().version(), store, peerFigures, drift,
                    figures.getOrDefault(HttpBench.LIMIT, List.of()));
        }
    }

    /**
     * Every store operation on every backend (in the registry jar's store bench, see {@link StoreBenchProcess}), each
     * store in a directory or database of its own.
     */
    private List<StoreResult> measureStores(Path work, BenchPostgres postgres) {
        Map<Backend, Path> configs = new LinkedHashMap<>();
        for (Backend backend : settings.backends()) {
            Path dir = work.resolve("store-" + backend.id());
            configs.put(backend, Servers.storeConfig(dir, switch (backend) {
                case SQLITE -> Servers.sqliteDatabase(dir);
                case POSTGRES -> Servers.postgresDatabase(postgres.createDatabase(STORE_DATABASE));
            }));
        }
        return StoreBenchProcess.run(settings, configs, progress);
    }

    /** SeaweedFS (weed server -s3) on 127.0.0.1 with one bucket; every Drift on S3 keeps its blobs under a prefix of it. */
    private WeedServer startSeaweedFs(Path dir) {
        Path weed = Servers.weed();
        progress.accept("starting SeaweedFS (" + weed + ") on 127.0.0.1 for the s3 rows");
        return WeedServer.start(weed, dir, "bench", java.util.Optional.empty());
    }

    private BenchPostgres startPostgres(Path dir) {
        progress.accept("starting PostgreSQL (the machine's server binaries) on 127.0.0.1");
        return BenchPostgres.start(dir);
    }

    private static Path createWorkDirectory() {
        try {
            return Files.createTempDirectory("drift-bench-");
        } catch (IOException e) {
            throw new BenchException("cannot create a work directory for the bench: " + e.getMessage(), e);
        }
    }
}
