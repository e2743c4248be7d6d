package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the postgres backend: the machine's own server binaries (Debian's
 * {@code postgresql} package, as {@code drift-ops up --target local} uses), with its default settings, on
 * 127.0.0.1 with its data under the bench's work directory and a superuser whose password is generated for this
 * run. PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres} system user.
 * Closing it stops the server.
 */
public final class BenchPostgres implements AutoCloseable {

    private static final String ROLE = "drift_bench";
    private static final String SYSTEM_USER = "postgres";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binDir;
    private final Path dataDir;
    private final Path passFile;
    private final String password;
    private final int port;

    private BenchPostgres(Path binDir, Path dataDir, Path passFile, String password, int port) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.passFile = passFile;
        this.password = password;
        this.port = port;
    }

    /** Initialises a cluster under {@code dir}, a new directory inside the bench's work directory, and starts it. */
    public static BenchPostgres start(Path dir) {
        Path binDir = binDir();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        int port = ServerProcess.freePort();
        BenchPostgres postgres = new BenchPostgres(binDir, dir.resolve("server").resolve("data"), dir.resolve("pgpass"),
                password, port);
        try {
            postgres.initdbAndStart(dir);
        } catch (IOException e) {
            throw new BenchException("cannot start PostgreSQL for the bench: " + e.getMessage(), e);
        }
        return postgres;
    }

    private void initdbAndStart(Path dir) throws IOException {
        boolean asRoot = asRoot();
        Path serverDir = dataDir.getParent();
        Files.createDirectories(serverDir);
        if (asRoot) {
            // The postgres user passes through the bench's own work directories to the server's, and lists none.
            for (Path open : List.of(dir.getParent(), dir)) {
                Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx--x--x"));
            }
        }
        Path initPassword = serverDir.resolve("initdb-password");
        writeOwnerOnly(initPassword, password + "\n");
        // libpq's password file, for createdb: a password never goes on a command line or into the environment.
        writeOwnerOnly(passFile, "127.0.0.1:" + port + ":*:" + ROLE + ":" + password + "\n");
        if (asRoot) {
            run("chown", List.of("chown", "-R", SYSTEM_USER, serverDir.toString()), Map.of());
        }
        try {
            run("initdb", asServer("initdb", "-D", dataDir.toString(), "-U", ROLE, "--pwfile=" + initPassword,
                    "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"), Map.of());
        } finally {
            Files.deleteIfExists(initPassword);
        }
        run("pg_ctl start", asServer("pg_ctl", "start", "-D", dataDir.toString(), "-w", "-l",
                serverDir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"), Map.of());
    }

    /** A new empty database owned by the bench role; answers its postgres:// URL (holds the password: never print it). */
    public String createDatabase(String name) {
        run("createdb", List.of(binDir.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", ROLE, "-w", name), Map.of("PGPASSFILE", passFile.toString()));
        return "postgres://" + ROLE + ":" + password + "@127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() {
        run("pg_ctl stop", asServer("pg_ctl", "stop", "-D", dataDir.toString(),
                "-m", "fast", "-w"), Map.of());
    }

    private List<String> asServer(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        command.add(binDir.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String what, List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BenchException(what + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new BenchException(what + " failed (exit " + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new BenchException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException(what + ": interrupted", e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} (Debian keeps server binaries off PATH). */
    private static Path binDir() {
        if (Files.isDirectory(DEBIAN_VERSIONS)) {
            try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
                Optional<Path> newest = versions.filter(version -> version.getFileName().toString().matches("[0-9]+"))
                        .map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new BenchException("cannot list " + DEBIAN_VERSIONS + ": " + e.getMessage(), e);
            }
        }
        throw new BenchException("the postgres backend needs PostgreSQL's server binaries under " + DEBIAN_VERSIONS
                + "/N/bin (apt-get install postgresql), or bench --backend sqlite");
    }
}
