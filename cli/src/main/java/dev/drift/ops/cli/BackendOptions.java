package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.ExternalPostgres;
import dev.drift.ops.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach a backend drift-ops does not start itself; shared by {@code up} and {@code test}. */
final class BackendOptions {

    static final String PASSWORD_ENV = "DRIFT_POSTGRES_PASSWORD";

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "Use this PostgreSQL (postgres://USER@HOST:PORT/DB, no password in it) instead of "
                    + "starting one. The password comes from $" + PASSWORD_ENV + " or --postgres-password-file.")
    String postgresUrl;

    @Option(names = "--postgres-password-file", paramLabel = "FILE",
            description = "File whose first line is the password for --postgres-url.")
    Path postgresPasswordFile;

    @Option(names = "--zqlite-url", paramLabel = "URL",
            description = "The ZQLite server for --backend zqlite (zqlite://HOST:5433/DB). Required for zqlite: "
                    + "drift-ops never starts a database in ZQLite's place.")
    String zqliteUrl;

    Optional<ExternalPostgres> externalPostgres(Map<String, String> env) throws IOException {
        if (postgresUrl == null) {
            if (postgresPasswordFile != null) {
                throw CliException.usage("--postgres-password-file needs --postgres-url");
            }
            return Optional.empty();
        }
        return Optional.of(ExternalPostgres.of(postgresUrl, postgresPassword(env)));
    }

    Optional<String> zqliteUrl() {
        return Optional.ofNullable(zqliteUrl);
    }

    private Secret postgresPassword(Map<String, String> env) throws IOException {
        if (postgresPasswordFile != null) {
            if (!Files.isReadable(postgresPasswordFile)) {
                throw CliException.usage("--postgres-password-file " + postgresPasswordFile + " cannot be read");
            }
            return Secret.of(Files.readString(postgresPasswordFile, StandardCharsets.UTF_8).lines().findFirst()
                    .orElse(""));
        }
        return Secret.of(env.getOrDefault(PASSWORD_ENV, ""));
    }
}
