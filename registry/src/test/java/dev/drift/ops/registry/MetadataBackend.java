package dev.drift.ops.registry;

import dev.drift.ops.testkit.PostgresServer;
import java.nio.file.Path;

/** The metadata backends the server tests run on; each gives a registry a [database] section of its own. */
public enum MetadataBackend {

    SQLITE {
        @Override
        public String databaseToml(Path dataDir) {
            return """
                    [database]
                    backend = "sqlite"
                    sqlite_path = "%s"
                    """.formatted(dataDir.resolve("drift.db"));
        }
    },

    /** A fresh database on the test JVM's shared PostgreSQL server. */
    POSTGRES {
        @Override
        public String databaseToml(Path dataDir) {
            return postgresToml(PostgresServer.shared().createDatabase());
        }
    };

    /** A [database] section over a new, empty database; {@code dataDir} is the registry's own temporary directory. */
    public abstract String databaseToml(Path dataDir);

    /** A [database] section for the PostgreSQL database at {@code postgresUrl}, e.g. one that two registries share. */
    public static String postgresToml(String postgresUrl) {
        return """
                [database]
                backend = "postgres"
                postgres_url = "%s"
                """.formatted(postgresUrl);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
