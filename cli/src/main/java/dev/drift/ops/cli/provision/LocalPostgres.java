package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.SecureFiles;
import dev.drift.ops.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one data directory, from the machine's PostgreSQL binaries
 * ({@code initdb}, {@code pg_ctl}; Debian's {@code postgresql} package). It listens on 127.0.0.1
 * only, on a free port, with a generated password for the user {@code drift}.
 *
 * <p>PostgreSQL refuses to run as root. When drift-ops runs as root it runs the server as the
 * {@code postgres} system user (via {@code runuser}) and hands that user the server's directory;
 * the rest of the data directory stays root's, and the password file stays 0600.
 */
final class LocalPostgres {

    static final String USER = "drift";
    static final String DATABASE = "postgres";
    private static final String SYSTEM_USER = "postgres";
    private static final int START_TIMEOUT_SECONDS = 60;

    private final DataDir dataDir;
    private final Path binDir;
    private final boolean asRoot;
    private final Console console;

    private LocalPostgres(DataDir dataDir, Path binDir, Console console) {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.asRoot = "root".equals(System.getProperty("user.name"));
        this.console = console;
    }

    static LocalPostgres in(DataDir dataDir, Console console) {
        return new LocalPostgres(dataDir, findBinDir(), console);
    }

    /** Initialises the cluster on first use, starts it, and answers the component and its URL (with password). */
    Started start() throws IOException {
        Secret password = Files.isRegularFile(dataDir.postgresPassword())
                ? Secret.of(Files.readString(dataDir.postgresPassword(), StandardCharsets.UTF_8).strip())
                : createPassword();
        if (!Files.isRegularFile(dataDir.postgresData().resolve("PG_VERSION"))) {
            initdb(password);
        }
        int port = Processes.freePort();
        prepareForServer(dataDir.postgresLog(), false);
        console.info("starting PostgreSQL (" + binDir + ") on 127.0.0.1:" + port);
        Processes.run("pg_ctl start", command("pg_ctl", "start", "-D", dataDir.postgresData().toString(), "-w",
                "-t", Integer.toString(START_TIMEOUT_SECONDS), "-l", dataDir.postgresLog().toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"), console);
        long pid = Long.parseLong(Files.readAllLines(dataDir.postgresData().resolve("postmaster.pid")).getFirst().strip());
        // The postmaster's command line names its data directory ("postgres -D DIR ...").
        Component component = new Component("postgres", pid, dataDir.postgresData().toString(), "127.0.0.1:" + port,
                dataDir.postgresLog());
        Secret url = Secret.of("postgres://" + USER + ":" + password.reveal() + "@127.0.0.1:" + port + "/" + DATABASE);
        return new Started(component, url);
    }

    /** Stops the server of this data directory (fast shutdown: open sessions are ended). */
    void stop() {
        Processes.run("pg_ctl stop", command("pg_ctl", "stop", "-D", dataDir.postgresData().toString(), "-m", "fast", "-w"), console);
    }

    record Started(Component component, Secret url) {
    }

    private Secret createPassword() throws IOException {
        Secret password = Credentials.randomSecret();
        SecureFiles.writeOwnerOnly(dataDir.postgresPassword(), password.reveal() + "\n");
        return password;
    }

    private void initdb(Secret password) throws IOException {
        console.info("initialising a PostgreSQL cluster in " + dataDir.postgresData());
        Path pgData = dataDir.postgresData();
        Files.createDirectories(pgData);
        Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
        prepareForServer(pgData, true);
        // initdb reads the superuser's password from a file; it lives only while initdb runs.
        Path passwordFile = dataDir.root().resolve("postgres.initdb-password");
        SecureFiles.writeOwnerOnly(passwordFile, password.reveal() + "\n");
        try {
            prepareForServer(passwordFile, false);
            Processes.run("initdb", command("initdb", "-D", pgData.toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"), console);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * As root, hands {@code path} to the postgres system user and lets it pass through the data
     * directory (0711: it can reach its own directory, not list or read the others).
     */
    private void prepareForServer(Path path, boolean directory) throws IOException {
        if (!asRoot) {
            return;
        }
        if (!directory && !Files.exists(path)) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        UserPrincipal postgres;
        try {
            postgres = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
        } catch (IOException e) {
            throw CliException.provisioning("drift-ops runs as root and PostgreSQL refuses to; the \"postgres\" "
                    + "system user that would run it does not exist (Debian's postgresql package creates it)");
        }
        Files.setOwner(path, postgres);
        Files.setPosixFilePermissions(dataDir.root(), PosixFilePermissions.fromString("rwx--x--x"));
        requireReachableByServer(path);
    }

    /** Every parent must let other users pass; drift-ops does not open up directories it did not make. */
    private void requireReachableByServer(Path path) {
        try {
            Processes.run("a check", List.of("runuser", "-u", SYSTEM_USER, "--", "test", "-r", path.toString()),
                    console);
        } catch (CliException e) {
            throw CliException.provisioning("PostgreSQL runs as the \"postgres\" system user (drift-ops runs as "
                    + "root), and that user cannot reach " + path + ": a parent directory is closed to other "
                    + "users. Choose a --data-dir it can reach (e.g. under /var/lib or /tmp)");
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        command.add(binDir.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The newest {@code /usr/lib/postgresql/N/bin} (Debian keeps server binaries off PATH), else the
     * directory of an {@code initdb} on PATH.
     */
    static Path findBinDir() {
        Optional<Path> debian = Optional.empty();
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                debian = dirs.map(dir -> dir.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparing(LocalPostgres::majorVersion));
            } catch (IOException e) {
                debian = Optional.empty();
            }
        }
        return debian
                .or(() -> Processes.onPath("initdb").map(initdb -> initdb.toAbsolutePath().getParent()))
                .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                .orElseThrow(() -> CliException.provisioning("no PostgreSQL server binaries (initdb, pg_ctl) found "
                        + "under /usr/lib/postgresql/*/bin or on PATH; install them (apt-get install postgresql) "
                        + "or use a running server with --postgres-url"));
    }

    private static int majorVersion(Path binDir) {
        String version = binDir.getParent().getFileName().toString();
        return version.matches("[0-9]+") ? Integer.parseInt(version) : 0;
    }
}
