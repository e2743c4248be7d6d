package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code drift-ops bench}: measures Drift per backend beside CNCF Distribution (or docker-registry) and reports ratios. */
// No mixinStandardHelpOptions here: drift-ops' top command gives every subcommand --help and
// --version (inherited scope).
@Command(name = "bench",
        description = {
            "Measures Drift on this machine, per metadata backend, beside CNCF Distribution (the release "
                    + "scripts/versions.env pins; or Debian's docker-registry 2.8 with --docker-registry) running the "
                    + "same HTTP workload on 127.0.0.1:",
            "  - metadata store write/read ops/s (the store called directly, in a child JVM from the registry jar; "
                    + "sqlite vs postgres, no peer store exists)",
            "  - blob push/pull MB/s (1, 10, 100 MB; concurrency 1 and 8), manifest PUT/GET ops/s",
            "  - the server's resident memory (peak and after the run)",
            "Prints a table with each Drift figure as a ratio to the peer's (>1.0 = Drift better; memory "
                    + "inverted so that holds too), writes every raw number to a JSON file, and --plot draws the ratios."})
public final class BenchCommand implements Callable<Integer> {

    /** The drift-ops checkout, which the launcher names: its scripts/go-tools.sh builds the peer. */
    static final String HOME_PROPERTY = "drift.ops.home";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", defaultValue = "all", paramLabel = "sqlite|postgres|all",
            description = "Metadata backend(s) to measure (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--storage", defaultValue = "fs", paramLabel = "fs|s3|all",
            description = "Where Drift keeps its blobs: fs (a directory), s3 (a bucket of a SeaweedFS the bench starts on "
                    + "127.0.0.1: $DRIFT_WEED, else the pinned weed scripts/go-tools.sh builds), or all; each backend "
                    + "is measured per storage, the s3 rows labelled sqlite+s3, postgres+s3 (default: ${DEFAULT-VALUE}).")
    String storage;

    @Option(names = "--nginx", paramLabel = "PATH", defaultValue = "/usr/sbin/nginx",
            description = "The nginx of the machine-limit rows (Debian's nginx-light): pulls of the same bytes through "
                    + "sendfile, beside hash + write + fsync + rename for pushes; Drift's push and pull are printed as a "
                    + "fraction of them (default: ${DEFAULT-VALUE}).")
    Path nginx;

    @Option(names = "--auth", defaultValue = "none", paramLabel = "none|basic",
            description = "basic: both registries check a bcrypt login (cost 10, as drift-ops up generates it) on "
                    + "every request, the peer through its htpasswd auth (default: ${DEFAULT-VALUE}).")
    String auth;

    @Option(names = "--no-limit", description = "Leave out the machine-limit rows (and nginx).")
    boolean noLimit;

    @Option(names = "--duration", defaultValue = "5", paramLabel = "S",
            description = "Seconds per measurement (default: ${DEFAULT-VALUE}); a run takes roughly 40 times this per server.")
    int durationSeconds;

    @Option(names = "--warm-up", defaultValue = "2", paramLabel = "S",
            description = "Untimed seconds before each server's and each store operation's measurements (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--out", defaultValue = "target/bench/bench.json", paramLabel = "FILE.json",
            description = "Where the JSON with every raw number goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the ratios as a PNG bar chart.")
    Path plot;

    @Option(names = "--registry-jar", paramLabel = "JAR",
            description = "The Drift server jar (default: -Ddrift.registry.jar, DRIFT_OPS_REGISTRY_JAR, else "
                    + "registry/target/drift-registry.jar).")
    Path registryJar;

    @Option(names = "--distribution", paramLabel = "PATH",
            description = "CNCF Distribution's registry binary, the peer (default: the build of the version "
                    + "scripts/versions.env pins that scripts/go-tools.sh path distribution prints, building it once).")
    Path distribution;

    @Option(names = "--docker-registry", paramLabel = "PATH", arity = "0..1", fallbackValue = "/usr/bin/docker-registry",
            description = "Compare with Debian's docker-registry (distribution 2.8) instead (PATH default: "
                    + "${FALLBACK-VALUE}).")
    Path dockerRegistry;

    /** For quick runs such as the integration test: fewer sizes and concurrencies than a real bench. */
    @Option(names = "--sizes-mb", hidden = true, split = ",", defaultValue = "1,10,100")
    List<Long> sizesMb;

    @Option(names = "--concurrency", hidden = true, split = ",", defaultValue = "1,8")
    List<Integer> concurrencies;

    @Override
    public Integer call() {
        List<Backend> chosen;
        try {
            chosen = backends(backend);
        } catch (BenchException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, backend);
        }
        List<Storage> storages = switch (storage) {
            case "fs" -> List.of(Storage.FS);
            case "s3" -> List.of(Storage.S3);
            case "all" -> List.of(Storage.FS, Storage.S3);
            default -> throw new ParameterException(spec.commandLine(),
                    "--storage must be fs, s3 or all, not '" + storage + "'");
        };
        BenchSettings settings = new BenchSettings(chosen, Duration.ofSeconds(durationSeconds),
                Duration.ofSeconds(warmUpSeconds), sizesMb.stream().map(mb -> mb * 1_000_000).toList(), concurrencies,
                registryJar != null ? registryJar : defaultRegistryJar(), peer(), storages,
                noLimit ? Optional.empty() : Optional.of(nginx), basicAuth());
        // Progress on stderr, results on stdout, both through picocli's writers so callers can capture them.
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        boolean quiet = quiet();
        BenchResult result = new BenchRun(settings, line -> {
            if (!quiet) {
                err.println("[" + LocalTime.now().format(CLOCK) + "] " + line);
                err.flush();
            }
        }).run();
        result.writeJson(out);
        stdout.println();
        stdout.print(ResultTable.render(result));
        stdout.println();
        stdout.println("raw numbers: " + out.toAbsolutePath());
        if (plot != null) {
            RatioChart.write(result, plot);
            stdout.println("chart: " + plot.toAbsolutePath());
        }
        stdout.flush();
        return 0;
    }

    private boolean basicAuth() {
        return switch (auth) {
            case "none" -> false;
            case "basic" -> true;
            default -> throw new ParameterException(spec.commandLine(), "--auth must be none or basic, not '" + auth + "'");
        };
    }

    /** drift-ops' inherited --quiet (before or after "bench"), unless --verbose overrides it. */
    private boolean quiet() {
        boolean quiet = false;
        for (CommandLine line = spec.commandLine(); line != null; line = line.getParent()) {
            ParseResult parsed = line.getParseResult();
            if (parsed != null && parsed.hasMatchedOption("--verbose")) {
                return false;
            }
            quiet |= parsed != null && parsed.hasMatchedOption("--quiet");
        }
        return quiet;
    }

    static List<Backend> backends(String value) {
        return switch (value) {
            case "all" -> List.of(Backend.values());
            case "sqlite" -> List.of(Backend.SQLITE);
            case "postgres" -> List.of(Backend.POSTGRES);
            case "zqlite" -> throw new BenchException("--backend zqlite: there is no ZQLite server the bench could start "
                    + "on this machine; bench sqlite, postgres or all");
            default -> throw new BenchException("--backend must be sqlite, postgres or all, not '" + value + "'");
        };
    }

    private Peer peer() {
        if (dockerRegistry != null && distribution != null) {
            throw new ParameterException(spec.commandLine(), "--distribution and --docker-registry each name the peer; give one");
        }
        if (dockerRegistry != null) {
            return Peer.dockerRegistry(dockerRegistry);
        }
        return distribution != null ? new Peer(Peer.DISTRIBUTION, distribution)
                : Peer.pinnedDistribution(Servers.goTools());
    }

    /** Where the rest of drift-ops looks too: the launcher's system property, the environment, the repository layout. */
    private static Path defaultRegistryJar() {
        String property = System.getProperty("drift.registry.jar");
        String environment = System.getenv("DRIFT_OPS_REGISTRY_JAR");
        return Path.of(property != null ? property
                : environment != null ? environment : "registry/target/drift-registry.jar");
    }
}
