package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a local Drift keeps everything: one directory holds the config, the credentials, the
 * metadata, the blobs, the logs and the state file {@code status}, {@code down} and {@code logs} read.
 */
public record DataDir(Path root) {

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    public Path config() {
        return root.resolve("drift.toml");
    }

    public Path credentials() {
        return root.resolve("credentials");
    }

    public Path state() {
        return root.resolve("drift-ops.state");
    }

    public Path blobs() {
        return root.resolve("blobs");
    }

    public Path sqliteDatabase() {
        return root.resolve("drift.db");
    }

    public Path registryLog() {
        return root.resolve("registry.log");
    }

    public Path postgresData() {
        return root.resolve("postgres");
    }

    public Path postgresLog() {
        return root.resolve("postgres.log");
    }

    public Path postgresPassword() {
        return root.resolve("postgres.password");
    }

    /** Where the docker target keeps the secrets it hands containers as files (0700, files 0600). */
    public Path secrets() {
        return root.resolve("secrets");
    }

    /** One such secret, e.g. {@code secrets/postgres_url}. */
    public Path secret(String name) {
        return secrets().resolve(name);
    }

    /**
     * True when drift-ops has used this directory (so --purge may delete it): it holds the login
     * and drift.toml, or the state file (the k8s target keeps no drift.toml here).
     */
    public boolean isDriftOpsDataDir() {
        return Files.isRegularFile(credentials()) && (Files.isRegularFile(config()) || Files.isRegularFile(state()));
    }

    /** Deletes the whole directory, but only one drift-ops made (a typo in --data-dir must not cost data). */
    public void purge() throws IOException {
        if (!isDriftOpsDataDir()) {
            throw CliException.usage(root + " has no credentials and drift.toml or state file from drift-ops; "
                    + "not deleting it");
        }
        deleteRecursively();
    }

    /** {@link #purge()} for {@code down --purge}: says what went; an I/O failure becomes the CLI's file error. */
    public void purge(Console console) {
        try {
            purge();
        } catch (IOException e) {
            throw CliException.io("cannot delete " + root + ": " + e.getMessage(), e);
        }
        console.info("deleted " + root);
    }

    /** Deletes the directory and everything in it, unchecked: for directories drift-ops created itself. */
    public void deleteRecursively() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
