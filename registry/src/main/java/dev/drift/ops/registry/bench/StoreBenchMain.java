package dev.drift.ops.registry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.StoreResult;
import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DatabaseConfig;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.LoggingConfig;
import dev.drift.ops.registry.ops.LoggingSetup;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -cp drift-registry.jar dev.drift.ops.registry.bench.StoreBenchMain --warm-up S --duration S
 * [--callers N,N...] NAME=drift.toml...}: the store half of drift-ops bench, here next to the stores it measures so that the CLI
 * carries none of their drivers. Each NAME=FILE is a backend to measure, opened from that drift.toml's
 * [database] section (a file, so a PostgreSQL password never shows on a command line); each operation is measured
 * with each number of concurrent callers (default 1). Prints one
 * {@link StoreResult} as JSON a line on stdout, progress on stderr. Exit code 0 done, 1 failed, 2 bad usage.
 */
public final class StoreBenchMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT =
            "usage: StoreBenchMain --warm-up S --duration S [--callers N,N...] NAME=drift.toml...";

    private StoreBenchMain() {
    }

    public static void main(String[] args) {
        // Progress is the tool's own; pool start and stop only from warnings up.
        LoggingSetup.apply(new LoggingConfig("warn", "text"));
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("store bench: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, SqlMetadataStore> stores = new LinkedHashMap<>();
        try {
            Map<String, StoreBench> benches = new LinkedHashMap<>();
            arguments.databases().forEach((name, database) -> {
                SqlMetadataStore store = open(name, database);
                stores.put(name, store);
                benches.put(name, new StoreBench(name, store, arguments.warmUp(), arguments.duration(), err::println));
            });
            // Operation by operation across the backends, so that compared figures are taken close in time.
            for (int operation = 0; operation < StoreBench.OPERATIONS.size(); operation++) {
                if (operation == StoreBench.FIRST_READ) {
                    analyzePostgres(arguments.databases(), stores, err);
                }
                for (int callers : arguments.callers()) {
                    for (StoreBench bench : benches.values()) {
                        out.println(json.writeValueAsString(bench.measure(operation, callers)));
                        out.flush();
                    }
                }
            }
            return OK;
        } catch (Exception e) {
            err.println("store bench: failed: " + e.getMessage());
            return FAILED;
        } finally {
            stores.values().forEach(SqlMetadataStore::close);
        }
    }

    private static SqlMetadataStore open(String name, DatabaseConfig database) {
        return switch (database.backend()) {
            case SQLITE -> SqlMetadataStore.openSqlite(database.sqlitePath());
            case POSTGRES -> SqlMetadataStore.openPostgres(database.postgresUrl().reveal());
            case ZQLITE -> throw new BenchException(name + ": the store bench measures sqlite and postgres, not zqlite");
        };
    }

    /** The bench fills its tables within seconds; a live server's autovacuum would have analyzed them by now. */
    private static void analyzePostgres(Map<String, DatabaseConfig> databases, Map<String, SqlMetadataStore> stores,
                                        PrintStream err) {
        databases.forEach((name, database) -> {
            if (database.backend() == DatabaseBackend.POSTGRES) {
                err.println(name + ": ANALYZE before the reads, as autovacuum would on a live server");
                stores.get(name).analyze();
            }
        });
    }

    record Arguments(Duration warmUp, Duration duration, List<Integer> callers, Map<String, DatabaseConfig> databases) {

        static Arguments parse(String[] args) throws ConfigException {
            Duration warmUp = null;
            Duration duration = null;
            List<Integer> callers = List.of(1);
            Map<String, DatabaseConfig> databases = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String arg = rest.removeFirst();
                switch (arg) {
                    case "--warm-up" -> warmUp = seconds(arg, rest);
                    case "--duration" -> duration = seconds(arg, rest);
                    case "--callers" -> callers = callers(rest);
                    default -> {
                        int equals = arg.indexOf('=');
                        if (arg.startsWith("-") || equals < 1) {
                            throw new IllegalArgumentException("unknown argument " + arg);
                        }
                        Path config = Path.of(arg.substring(equals + 1));
                        databases.put(arg.substring(0, equals), DriftConfig.load(config, Map.of()).database());
                    }
                }
            }
            if (warmUp == null || duration == null || databases.isEmpty()) {
                throw new IllegalArgumentException("--warm-up, --duration and at least one NAME=drift.toml are required");
            }
            return new Arguments(warmUp, duration, callers, databases);
        }

        private static List<Integer> callers(List<String> rest) {
            try {
                List<Integer> callers = rest.isEmpty() ? List.of()
                        : Arrays.stream(rest.removeFirst().split(",")).map(Integer::parseInt).toList();
                if (callers.isEmpty() || callers.stream().anyMatch(n -> n < 1 || n > 64)) {
                    throw new NumberFormatException();
                }
                return callers;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--callers needs numbers from 1 to 64, comma-separated");
            }
        }

        private static Duration seconds(String option, List<String> rest) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a number of seconds");
            }
            try {
                return Duration.ofSeconds(Long.parseLong(rest.removeFirst()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number of seconds");
            }
        }
    }
}
