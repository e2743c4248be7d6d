package dev.drift.ops.registry.gc;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.registry.blob.BlobStores;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MetadataStores;

/**
 * {@code java -cp drift-registry.jar dev.drift.ops.registry.gc.GcMain --config FILE [--dry-run] [--untagged]}: one
 * garbage collection over the metadata database and blob directory a drift.toml names, with its
 * {@code [registry] min_age_days} as the window. Prints a line per removed item, then a summary.
 * Exit codes: 0 done, 1 failed or another collector is running, 2 usage, 3 invalid drift.toml.
 */
public final class GcMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CONFIG = 3;

    private GcMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean dryRun = rest.remove("--dry-run");
        boolean untagged = rest.remove("--untagged");
        if (rest.size() != 2 || !rest.get(0).equals("--config")) {
            err.println("usage: GcMain --config FILE [--dry-run] [--untagged]");
            return USAGE;
        }
        DriftConfig config;
        try {
            config = DriftConfig.load(Path.of(rest.get(1)), System.getenv());
        } catch (ConfigException e) {
            err.println("drift gc: " + e.getMessage());
            return CONFIG;
        }
        try (MetadataStore store = MetadataStores.open(config.database())) {
            GarbageCollector collector = new GarbageCollector(store, BlobStores.open(config.storage()),
                    Duration.ofDays(config.registry().minAgeDays()), Clock.systemUTC());
            Optional<GcResult> result = collector.collect(untagged, dryRun);
            if (result.isEmpty()) {
                err.println("drift gc: another garbage collector is running on this database; nothing was removed");
                return FAILED;
            }
            print(result.get(), out);
            return OK;
        } catch (Exception e) {
            err.println("drift gc: failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static void print(GcResult result, PrintStream out) {
        String verb = result.dryRun() ? "would remove" : "removed";
        result.manifests().forEach(manifest -> out.println(verb + " manifest " + manifest));
        result.blobs().forEach(blob -> out.println(verb + " blob " + blob));
        result.uploads().forEach(upload -> out.println(verb + " upload " + upload));
        out.println(result.summary());
    }
}
