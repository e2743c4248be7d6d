package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.RegistryJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", RegistryJar.locate().toString(), MAIN_CLASS));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        Thread errors = Thread.ofVirtual().start(() -> copyLines(process.getErrorStream(), err()));
        copyLines(process.getInputStream(), out());
        errors.join();
        return switch (process.waitFor()) {
            case 0 -> ExitCodes.OK;
            case 2 -> ExitCodes.USAGE;
            default -> ExitCodes.MIGRATION_FAILED;
        };
    }

    /** Relays the tool's lines as they come, so per-table progress shows while a large copy runs. */
    private static void copyLines(InputStream from, PrintWriter to) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                to.println(line);
                to.flush();
            }
        } catch (IOException e) {
            to.println("drift-ops: lost the migration tool's output: " + e.getMessage());
            to.flush();
        }
    }
}
