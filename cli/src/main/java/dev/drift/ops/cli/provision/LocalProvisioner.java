package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.ExitCodes;
import dev.drift.ops.cli.SecureFiles;
import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.DriftToml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code local} target: Drift as a child process of this machine, its backend beside it, all of
 * it under one data directory.
 */
final class LocalProvisioner implements Provisioner {

    static final String TARGET = "local";

    private static final int LOG_LINES_ON_FAILURE = 20;

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public Optional<String> preflight(DatabaseBackend backend, Optional<String> zqliteUrl, Console console) {
        return backend == DatabaseBackend.ZQLITE && zqliteUrl.isEmpty()
                ? Optional.of("the zqlite backend needs a running ZQLite server: pass --zqlite-url "
                        + "zqlite://HOST:5433/DB. The local target does not start one (--target docker or k8s run a "
                        + "drift-zqlite image) and never stands another database up in its place")
                : Optional.empty();
    }

    @Override
    public Provisioner named(String instance) {
        return this;
    }

    @Override
    public Deployment up(UpRequest request, Console console) {
        DataDir dataDir = request.dataDir();
        Optional<String> refused = preflight(request.backend(), request.zqliteUrl(), console);
        if (refused.isPresent()) {
            throw CliException.usage(refused.get());
        }
        try {
            refuseIfRunning(dataDir);
            SecureFiles.ownerOnlyDirectory(dataDir.root());
            int port = request.port() == 0 ? Processes.freePort() : request.port();
            Processes.requireFreePort(port);
            Credentials credentials = Credentials.loadOrCreate(dataDir.credentials());
            String url = "http://127.0.0.1:" + port;
            List<Component> started = new ArrayList<>();
            // Each component goes into the state file as soon as it runs, so whatever stops this
            // drift-ops half-way (Ctrl-C, a crash) leaves a record that down can act on.
            Consumer<Component> record = component -> {
                started.add(component);
                try {
                    new Deployment(target(), request.backend(), dataDir, url, credentials.user(), started).save();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            try {
                DriftConfig config = backendConfig(request, baseConfig(dataDir, port, credentials), record, console);
                config.warnings().forEach(warning -> console.info("warning: " + warning));
                SecureFiles.writeOwnerOnly(dataDir.config(), config.render());
                console.detail("wrote " + dataDir.config() + " (mode 0600)");
                console.info("starting Drift (" + request.backend().id() + ") on " + url + ", log in " + dataDir.registryLog());
                Component registry = RegistryProcess.start(dataDir, url, console);
                record.accept(registry);
                if (!Readiness.await(url, request.readyTimeout(), registry::isRunning, console)) {
                    showLogTail(registry.log(), console);
                    throw CliException.provisioning((registry.isRunning()
                            ? "Drift did not become ready at " + url + "/readyz within "
                                    + request.readyTimeout().toSeconds() + " s"
                            : "Drift exited before it became ready")
                            + "; the last lines of " + registry.log() + " are above");
                }
                return new Deployment(target(), request.backend(), dataDir, url, credentials.user(), started);
            } catch (RuntimeException | ConfigException e) {
                stopAll(started, dataDir, console);
                Files.deleteIfExists(dataDir.state());
                throw e instanceof ConfigException config
                        ? new CliException(ExitCodes.CONFIG, config.getMessage(), config)
                        : (RuntimeException) e;
            }
        } catch (IOException e) {
            throw CliException.io("cannot prepare " + dataDir.root() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ComponentStatus> status(Deployment deployment) {
        return deployment.components().stream().map(component -> {
            boolean running = component.isRunning();
            String health = !running ? "stopped"
                    : component.name().equals("registry") ? Readiness.check(component.endpoint()) : "running";
            return new ComponentStatus(component.name(), running ? "pid " + component.pid() : "-", health,
                    component.endpoint());
        }).toList();
    }

    /** The component's log from the state file, or its usual place in the data directory. */
    @Override
    public void logs(Deployment deployment, String component, int lines, boolean follow, Consumer<String> sink)
            throws IOException, InterruptedException {
        DataDir dir = deployment.dataDir();
        Path log = deployment.component(component).map(Component::log).orElseGet(() -> switch (component) {
            case "registry" -> dir.registryLog();
            case "postgres" -> dir.postgresLog();
            default -> throw CliException.usage("--component must be registry or postgres for the local target, got \""
                    + component + "\"");
        });
        if (!Files.isRegularFile(log)) {
            throw new CliException(ExitCodes.NOT_RUNNING, "no " + component + " log in " + dir.root()
                    + " (start Drift there with drift-ops up)");
        }
        LogTail.lastLines(log, lines).forEach(sink);
        if (follow) {
            LogTail.follow(log, sink);
        }
    }

    @Override
    public Optional<Deployment> find(String name, DataDir dataDir) {
        throw CliException.usage("the local target has no instance names; it is found by --data-dir");
    }

    @Override
    public void down(Deployment deployment, boolean purge, Console console) {
        stopAll(deployment.components(), deployment.dataDir(), console);
        try {
            deployment.delete();
        } catch (IOException e) {
            throw CliException.io("cannot clean up " + deployment.dataDir().root() + ": " + e.getMessage(), e);
        }
        if (purge) {
            deployment.dataDir().purge(console);
        }
    }

    @Override
    public void awaitExit(Deployment deployment) throws InterruptedException {
        var registry = deployment.component("registry").flatMap(Component::process);
        if (registry.isPresent()) {
            try {
                registry.get().onExit().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Local defaults: loopback only, everything under the data directory, basic auth with the generated login. */
    private static DriftConfig baseConfig(DataDir dataDir, int port, Credentials credentials) throws ConfigException {
        return DriftToml.base("127.0.0.1:" + port, dataDir.blobs().toString(), dataDir.sqliteDatabase().toString(),
                        Optional.of(credentials.bcryptEntry()))
                .with("server.ui_addr", "127.0.0.1:0");
    }

    private static DriftConfig backendConfig(UpRequest request, DriftConfig base, Consumer<Component> record,
                                             Console console) throws ConfigException, IOException {
        return switch (request.backend()) {
            case SQLITE -> base;
            case POSTGRES -> {
                Secret url;
                if (request.postgres().isPresent()) {
                    url = request.postgres().get().urlWithPassword();
                } else {
                    LocalPostgres.Started postgres = LocalPostgres.in(request.dataDir(), console).start();
                    record.accept(postgres.component());
                    url = postgres.url();
                }
                yield base.with("database.postgres_url", url.reveal()).with("database.backend", "postgres");
            }
            case ZQLITE -> {
                String url = request.zqliteUrl().orElseThrow(); // checked before anything started
                yield base.with("database.zqlite_url", url).with("database.backend", DatabaseBackend.ZQLITE.id());
            }
        };
    }

    private static void refuseIfRunning(DataDir dataDir) throws IOException {
        var existing = Deployment.load(dataDir);
        if (existing.isPresent() && existing.get().anyRunning()) {
            throw CliException.provisioning("Drift already runs from " + dataDir.root() + " at "
                    + existing.get().url() + "; stop it with drift-ops down --data-dir " + dataDir.root());
        }
    }

    /** Registry first (it holds connections to the database), then the backend. */
    private static void stopAll(List<Component> components, DataDir dataDir, Console console) {
        for (Component component : components.reversed()) {
            if (component.name().equals("postgres")) {
                if (component.isRunning()) {
                    console.info("stopping PostgreSQL (pid " + component.pid() + ")");
                    LocalPostgres.in(dataDir, console).stop();
                    // pg_ctl returns once the pid file is gone, a moment before the process itself.
                    component.process().ifPresent(Processes::awaitExit);
                }
            } else {
                component.process().ifPresent(process -> {
                    console.info("stopping " + component.name() + " (pid " + component.pid() + ")");
                    Processes.stop(process);
                });
            }
        }
    }

    private static void showLogTail(Path log, Console console) {
        try {
            List<String> lines = LogTail.lastLines(log, LOG_LINES_ON_FAILURE);
            if (!lines.isEmpty()) {
                console.raw("--- last lines of " + log + " ---");
                lines.forEach(console::raw);
                console.raw("---");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
