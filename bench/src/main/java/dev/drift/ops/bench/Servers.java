package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.GoTools;
import dev.drift.ops.deploy.JvmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the two registries the bench compares, each on a free port of 127.0.0.1 with its data in a
 * directory of its own, and both logging only warnings so neither pays for an access log the other
 * does not write.
 */
public final class Servers {

    private Servers() {
    }

    /** A drift.toml in {@code dir} with only the [database] section the store bench opens; 0600, like the servers'. */
    static Path storeConfig(Path dir, String databaseSection) {
        return writeConfig(dir, "drift.toml", "[database]\n" + databaseSection);
    }

    /** The [database] keys of SQLite metadata under {@code dir}. */
    static String sqliteDatabase(Path dir) {
        return """
                backend = "sqlite"
                sqlite_path = "%s"
                """.formatted(dir.resolve("drift.db"));
    }

    /** The [database] keys of PostgreSQL metadata at {@code postgresUrl} (it holds the password). */
    static String postgresDatabase(String postgresUrl) {
        return """
                backend = "postgres"
                postgres_url = "%s"
                """.formatted(postgresUrl);
    }

    /** The JVM options Drift runs with in the bench: the deployment model's, then the user's. */
    static List<String> driftJvmOptions() {
        return JvmOptions.with(userJvmOptions());
    }

    private static String userJvmOptions() {
        return System.getenv(JvmOptions.USER_ENV);
    }

    /** The JDK running the bench, which runs Drift and the store bench too. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The peer registry with filesystem storage under {@code dir} and the in-memory blob descriptor cache that
     * Debian's own /etc/docker/registry/config.yml turns on (Distribution v3 reads the same file); with
     * {@code basicUser} (a {@code name:bcrypt} entry) it asks for that login.
     */
    public static ServerProcess peer(Peer peer, Path dir, Optional<String> basicUser) {
        peer.require();
        int port = ServerProcess.freePort();
        // Its htpasswd auth checks the same bcrypt entry Drift gets, on every request.
        String auth = basicUser.map(entry -> """
                auth:
                  htpasswd:
                    realm: drift-bench
                    path: %s
                """.formatted(writeConfig(dir, "htpasswd", entry + "\n"))).orElse("");
        Path config = writeConfig(dir, "config.yml", auth + """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  cache:
                    blobdescriptor: inmemory
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), port));
        return ServerProcess.start(peer.name(), List.of(peer.binary().toString(), "serve", config.toString()), Map.of(),
                port, "/v2/", dir.resolve(peer.name() + ".log"));
    }

    /** Fails fast, before anything starts, when the Drift jar is missing. */
    public static void requireDriftJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new BenchException("the Drift server jar " + jar + " is missing; build it with "
                    + "./mvnw -B -q -pl registry -am package -DskipTests or pass --registry-jar PATH");
        }
    }

    /**
     * Drift from its packaged jar, on the JDK running the bench, named {@code drift-LABEL}, with the given
     * {@code [storage]} sections and {@code [database]} keys, and basic auth for {@code basicUser} ({@code name:bcrypt})
     * when given; the file (it may hold a password or S3 keys) is 0600.
     */
    public static ServerProcess drift(Path jar, Path dir, String label, String storageSections, String databaseKeys,
                                      Optional<String> basicUser) {
        requireDriftJar(jar);
        int port = ServerProcess.freePort();
        String auth = basicUser.map(entry -> """
                [auth]
                mode = "basic"
                [auth.basic]
                users = ["%s"]
                """.formatted(entry)).orElse("");
        Path config = writeConfig(dir, "drift.toml", """
                [server]
                bind_addr = "127.0.0.1:%d"
                %s
                %s
                [database]
                %s
                [logging]
                level = "warn"
                """.formatted(port, auth, storageSections, databaseKeys));
        List<String> command = new ArrayList<>(JvmOptions.command(Path.of(java()), jar, userJvmOptions()));
        command.addAll(List.of("--config", config.toString()));
        return ServerProcess.start("drift-" + label, command, Map.of(), port, "/readyz", dir.resolve("drift.log"));
    }

    /** The [storage] section of blobs in a directory under {@code dir}. */
    static String fsStorage(Path dir) {
        return """
                [storage]
                backend = "fs"
                path = "%s"
                """.formatted(dir.resolve("blobs"));
    }

    /** SeaweedFS's weed: {@code $DRIFT_WEED}, else what scripts/go-tools.sh builds at the pinned version. */
    static Path weed() {
        try {
            return GoTools.fromEnv(GoTools.WEED_ENV).orElseGet(() -> GoTools.path(goTools(), GoTools.SEAWEEDFS,
                    System.err::println));
        } catch (GoTools.GoToolException e) {
            throw new BenchException(e.getMessage() + "; set " + GoTools.WEED_ENV + " to a weed binary", e);
        }
    }

    /** scripts/go-tools.sh of the checkout the bench runs from. */
    static Path goTools() {
        return Path.of(System.getProperty(BenchCommand.HOME_PROPERTY, "."), "scripts", "go-tools.sh");
    }

    private static Path writeConfig(Path dir, String name, String text) {
        ServerProcess.createDirectories(dir);
        Path file = dir.resolve(name);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
