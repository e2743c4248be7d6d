package dev.drift.ops.registry.migrate;

import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.LoggingConfig;
import dev.drift.ops.config.Secret;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.registry.migrate.Migrator.Options;
import dev.drift.ops.registry.migrate.Migrator.TableResult;
import dev.drift.ops.registry.migrate.dump.DumpSource;
import dev.drift.ops.registry.ops.LoggingSetup;
import dev.drift.ops.registry.store.StoreUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -cp drift-registry.jar dev.drift.ops.registry.migrate.MigrateMain}: copies Drift metadata between
 * backends (see {@link #USAGE}). Exit code 0 when done (and verified, if asked), 1 when the migration failed or
 * did not verify, 2 for bad usage.
 */
public final class MigrateMain {

    static final String USAGE = """
            usage: MigrateMain --from URL --to URL [--verify] [--dry-run] [--force]
                   MigrateMain --from-dump FILE --format sqlite|postgres --to URL [--verify] [--dry-run] [--force]

            Copies all Drift metadata (repositories, blobs, manifests, tags, referrers, uploads, Bolt items) into
            the target in one transaction, after bringing the target's schema up to date.

              URL              sqlite:///abs/path/drift.db (or a plain path), postgres://user@host:port/db,
                               zqlite://host:port/db
              --from-dump      a `sqlite3 drift.db .dump` file or a plain `pg_dump` file, read instead of --from
              --verify         afterwards compare row counts and content checksums of every table; fail on any
                               difference
              --dry-run        read the source and look at the target, write nothing
              --force          copy into a target that already holds rows, replacing them
              --from-password-file FILE, --to-password-file FILE
                               PostgreSQL passwords (else DRIFT_FROM_PASSWORD / DRIFT_TO_PASSWORD); never put a
                               password into a URL: command lines are visible to other users
              --config FILE    a drift.toml whose [database.zqlite] options apply to zqlite:// ends""";

    private MigrateMain() {
    }

    public static void main(String[] args) {
        // The tool reports on stdout itself; library chatter (pool start and stop) only from warnings up.
        LoggingSetup.apply(new LoggingConfig("warn", "text"));
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole tool, for tests: arguments, environment and output streams in, exit code out. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("drift-migrate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (arguments.help) {
            out.println(USAGE);
            return 0;
        }
        try {
            ZqliteConfig zqlite = zqliteOptions(arguments.config, env);
            DatabaseUrl to = DatabaseUrl.parse(arguments.to);
            try (RowSource source = openSource(arguments, env, zqlite);
                 MetadataDatabase target = MetadataDatabase.open(to,
                         password(arguments.toPasswordFile, env, "DRIFT_TO_PASSWORD"), zqlite,
                         arguments.dryRun ? MetadataDatabase.Role.INSPECTED_TARGET : MetadataDatabase.Role.TARGET)) {
                out.println("drift-migrate: from " + source.description() + " to " + to
                        + (arguments.dryRun ? " (dry run)" : ""));
                List<TableResult> results = new Migrator(out::println).migrate(source, target,
                        new Options(arguments.verify, arguments.dryRun, arguments.force));
                long rows = results.stream().mapToLong(result -> result.source().rows()).sum();
                out.println("drift-migrate: " + (arguments.dryRun ? "would copy " : "copied ") + rows + " rows in "
                        + results.size() + " tables" + (arguments.verify && !arguments.dryRun ? ", verified" : ""));
                return 0;
            }
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("drift-migrate: " + e.getMessage());
            return 2;
        } catch (MigrationException | StoreUnavailableException | IllegalStateException e) {
            err.println("drift-migrate: " + e.getMessage());
            return 1;
        }
    }

    private static RowSource openSource(Arguments arguments, Map<String, String> env, ZqliteConfig zqlite) {
        if (arguments.fromDump != null) {
            return DumpSource.read(Path.of(arguments.fromDump), arguments.format);
        }
        return MetadataDatabase.open(DatabaseUrl.parse(arguments.from),
                password(arguments.fromPasswordFile, env, "DRIFT_FROM_PASSWORD"), zqlite,
                MetadataDatabase.Role.SOURCE).asSource();
    }

    /** The password from its file (first line) or else its environment variable; empty for none. */
    private static Secret password(String file, Map<String, String> env, String variable) {
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                return Secret.of(lines.isEmpty() ? "" : lines.getFirst());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the password file " + file + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return Secret.of(env.getOrDefault(variable, ""));
    }

    private static ZqliteConfig zqliteOptions(String config, Map<String, String> env) throws ConfigException {
        if (config == null) {
            return new ZqliteConfig(false, Secret.of(""), false, false);
        }
        return DriftConfig.load(Path.of(config), env).database().zqlite();
    }

    /** The command line, checked for combinations that make sense. */
    private static final class Arguments {
        String from;
        String fromDump;
        DumpSource.Format format;
        String to;
        String fromPasswordFile;
        String toPasswordFile;
        String config;
        boolean verify;
        boolean dryRun;
        boolean force;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            Iterator<String> it = List.of(args).iterator();
            List<String> unknown = new ArrayList<>();
            while (it.hasNext()) {
                String arg = it.next();
                switch (arg) {
                    case "--from" -> parsed.from = value(it, arg);
                    case "--from-dump" -> parsed.fromDump = value(it, arg);
                    case "--format" -> parsed.format = format(value(it, arg));
                    case "--to" -> parsed.to = value(it, arg);
                    case "--from-password-file" -> parsed.fromPasswordFile = value(it, arg);
                    case "--to-password-file" -> parsed.toPasswordFile = value(it, arg);
                    case "--config" -> parsed.config = value(it, arg);
                    case "--verify" -> parsed.verify = true;
                    case "--dry-run" -> parsed.dryRun = true;
                    case "--force" -> parsed.force = true;
                    case "--help", "-h" -> parsed.help = true;
                    default -> unknown.add(arg);
                }
            }
            if (parsed.help) {
                return parsed;
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown argument " + unknown.getFirst());
            }
            if ((parsed.from == null) == (parsed.fromDump == null)) {
                throw new IllegalArgumentException("give exactly one of --from URL and --from-dump FILE");
            }
            if ((parsed.fromDump == null) != (parsed.format == null)) {
                throw new IllegalArgumentException("--format goes with --from-dump, and --from-dump needs it");
            }
            if (parsed.to == null) {
                throw new IllegalArgumentException("--to URL is required");
            }
            return parsed;
        }

        private static String value(Iterator<String> it, String option) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return it.next();
        }

        private static DumpSource.Format format(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "sqlite" -> DumpSource.Format.SQLITE;
                case "postgres" -> DumpSource.Format.POSTGRES;
                default -> throw new IllegalArgumentException("--format must be sqlite or postgres, got " + value);
            };
        }
    }
}
