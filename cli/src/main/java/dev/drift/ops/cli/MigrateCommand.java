package dev.drift.ops.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code drift-ops migrate}: copies Drift metadata between backends or imports a dump. The work is the
 * registry's own migration tool ({@code MigrateMain} in drift-registry.jar, next to the stores it reads
 * and writes), run as a child process so the CLI does not carry every database driver; its options are
 * passed through unchanged and its usage is this command's help.
 */
@Command(name = "migrate",
        description = "Copy all Drift metadata from one backend to another (sqlite, postgres, zqlite), or import "
                + "a sqlite3 .dump / plain pg_dump file, in one transaction, with per-table progress. "
                + "Exit code 1 when the copy failed or --verify found a difference.",
        footer = {"",
            "Options (passed to the registry's migration tool, which prints its full usage when run without them):",
            "  --from URL | --from-dump FILE --format sqlite|postgres",
            "  --to URL            sqlite:///abs/path/drift.db, postgres://user@host:port/db, zqlite://host:port/db",
            "  --verify            compare row counts and content checksums per table afterwards",
            "  --dry-run           read the source and inspect the target, write nothing",
            "  --force             copy into a target that already holds rows, replacing them",
            "  --from-password-file FILE, --to-password-file FILE",
            "                      PostgreSQL passwords (else DRIFT_FROM_PASSWORD / DRIFT_TO_PASSWORD);",
            "                      a URL that carries a password is refused",
            "  --config FILE       a drift.toml whose [database.zqlite] options apply to zqlite:// ends"})
final class MigrateCommand extends DriftCommand {

    static final String MAIN_CLASS = "dev.drift.ops.registry.migrate.MigrateMain";

    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        return switch (RegistryTool.run(MAIN_CLASS, arguments, out(), err())) {
            case 0 -> ExitCodes.OK;
            case 2 -> ExitCodes.USAGE;
            default -> ExitCodes.MIGRATION_FAILED;
        };
    }
}
