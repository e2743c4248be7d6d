package dev.drift.ops.registry;

import java.net.BindException;
import java.nio.file.Path;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.BlobStores;
import dev.drift.ops.registry.ops.LoggingSetup;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MetadataStores;

/**
 * {@code java -jar drift-registry.jar --config FILE}: loads drift.toml (with DRIFT_* environment
 * overrides), opens the stores and serves until SIGTERM/SIGINT. Exit code 2 for usage or configuration
 * errors, 1 when the server cannot start.
 */
public final class DriftRegistryMain {

    private static final Set<String> SUPPORTED_AUTH_MODES = Set.of("none", "basic", "token");

    private DriftRegistryMain() {
    }

    public static void main(String[] args) {
        Path configFile = parseArgs(args);
        DriftConfig config;
        try {
            config = DriftConfig.load(configFile, System.getenv());
        } catch (ConfigException e) {
            System.err.println("drift-registry: " + e.getMessage());
            System.exit(2);
            return;
        }
        // First of all, before anything can start a virtual thread.
        int workers = WorkerThreads.apply(config.server().workers());
        LoggingSetup.apply(config.logging());
        Logger log = LoggerFactory.getLogger(DriftRegistryMain.class);
        config.warnings().forEach(warning -> log.warn("{}", warning));
        if (!SUPPORTED_AUTH_MODES.contains(config.auth().mode())) {
            log.error("[auth] mode = \"{}\" is not supported by this server; use \"basic\", \"token\" or \"none\"",
                    config.auth().mode());
            System.exit(2);
        }
        try {
            BlobStore blobs = BlobStores.open(config.storage());
            MetadataStore store = MetadataStores.open(config.database());
            DriftServer server = DriftServer.start(config, store, blobs);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, log), "drift-shutdown"));
            log.atInfo()
                    .addKeyValue("url", server.uri())
                    .addKeyValue("bind_addr", config.server().bindAddr())
                    .addKeyValue("database", config.database().backend().id())
                    .addKeyValue("storage", BlobStores.describe(config.storage()))
                    .addKeyValue("workers", workers)
                    // bind_addr says which interfaces listen (0.0.0.0 in a container); the URL is how this host reaches it.
                    .log("Drift registry listening on {} (bind_addr {}, {} workers)", server.uri(), config.server().bindAddr(),
                            workers);
            server.join();
        } catch (Exception e) {
            if (isBindFailure(e)) {
                log.error("cannot listen on {}: the address is in use or not available here; stop what holds it "
                        + "or choose another [server] bind_addr (DRIFT_SERVER_BIND_ADDR)", config.server().bindAddr());
            } else {
                log.error("Drift registry failed to start: {}", e.getMessage(), e);
            }
            System.exit(1);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).startsWith("Failed to bind")) {
                return true;
            }
        }
        return false;
    }

    private static void stop(DriftServer server, Logger log) {
        try {
            server.close();
            log.info("Drift registry stopped");
        } catch (Exception e) {
            log.warn("error while stopping: {}", e.getMessage());
        }
    }

    private static Path parseArgs(String[] args) {
        if (args.length == 2 && args[0].equals("--config")) {
            return Path.of(args[1]);
        }
        if (args.length == 1 && args[0].startsWith("--config=")) {
            return Path.of(args[0].substring("--config=".length()));
        }
        System.err.println("""
                usage: java -jar drift-registry.jar --config FILE

                Serves the Drift registry (OCI Distribution API under /v2, Bolt API under /v1,
                /health, /readyz, /metrics) as configured by FILE, a drift.toml. Settings can be
                overridden with DRIFT_<SECTION>_<KEY> environment variables.""");
        System.exit(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
        return null;
    }
}
