package dev.drift.ops.registry.migrate;

import com.zaxxer.hikari.HikariDataSource;
import dev.drift.ops.config.Secret;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.registry.migrate.MetadataTables.Table;
import dev.drift.ops.registry.store.sql.Migrations;
import dev.drift.ops.registry.store.sql.PostgresDialect;
import dev.drift.ops.registry.store.sql.PostgresUrl;
import dev.drift.ops.registry.store.sql.SqlDatabases;
import dev.drift.ops.registry.store.sql.SqlDialect;
import dev.drift.ops.registry.store.sql.SqliteDialect;
import dev.drift.ops.registry.store.zqlite.ZqliteDialect;
import dev.drift.ops.registry.store.zqlite.ZqliteStores;
import dev.drift.ops.registry.store.zqlite.ZqliteUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** A metadata database opened for migration: its connections, its dialect, and what it is called in messages. */
public final class MetadataDatabase implements AutoCloseable {

    /** What the database is opened for, which decides what happens to a SQLite file that does not exist. */
    public enum Role {
        /** Read from: a missing SQLite file is an error (and is not created). */
        SOURCE,
        /** Written to: a missing SQLite file is created, with its directories. */
        TARGET,
        /** Only looked at (a dry run): a missing SQLite file stays missing and counts as an empty database. */
        INSPECTED_TARGET
    }

    private final DatabaseUrl url;
    private final Supplier<DataSource> opener;
    private final SqlDialect dialect;
    private DataSource dataSource;

    /** {@code opener} runs on first use, so a SQLite target file is created only when something is written. */
    private MetadataDatabase(DatabaseUrl url, Supplier<DataSource> opener, SqlDialect dialect) {
        this.url = url;
        this.opener = opener;
        this.dialect = dialect;
    }

    /**
     * Opens the database {@code url} names. Nothing is migrated here; only a SQLite {@link Role#TARGET} file is
     * created if missing.
     *
     * @param password for PostgreSQL (empty for none); ignored by the other backends
     * @param zqlite the {@code [database.zqlite]} options for a ZQLite database
     */
    public static MetadataDatabase open(DatabaseUrl url, Secret password, ZqliteConfig zqlite, Role role) {
        return switch (url.backend()) {
            case SQLITE -> openSqlite(url, role);
            case POSTGRES -> {
                PostgresUrl parsed = PostgresUrl.parse(url.url());
                PostgresUrl withPassword = new PostgresUrl(parsed.host(), parsed.port(), parsed.database(),
                        parsed.user(), password, parsed.properties());
                DataSource pool = SqlDatabases.postgres(withPassword);
                yield new MetadataDatabase(url, () -> pool, new PostgresDialect());
            }
            case ZQLITE -> {
                DataSource connections = ZqliteStores.dataSource(ZqliteUrl.parse(url.url()), zqlite);
                yield new MetadataDatabase(url, () -> connections, new ZqliteDialect());
            }
        };
    }

    private static MetadataDatabase openSqlite(DatabaseUrl url, Role role) {
        Path file = url.sqlitePath();
        if (!Files.isRegularFile(file)) {
            switch (role) {
                case SOURCE -> throw new MigrationException("the SQLite database " + file + " does not exist");
                case INSPECTED_TARGET -> {
                    return new MetadataDatabase(url, null, new SqliteDialect());
                }
                case TARGET -> {
                    return new MetadataDatabase(url, () -> {
                        createDirectories(file.getParent());
                        return SqlDatabases.sqlite(file);
                    }, new SqliteDialect());
                }
            }
        }
        return new MetadataDatabase(url, () -> SqlDatabases.sqlite(file), new SqliteDialect());
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new MigrationException("cannot create the directory " + directory + " for the SQLite database: "
                    + e.getMessage(), e);
        }
    }

    public DatabaseUrl url() {
        return url;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** False for a SQLite file that a dry run found missing (and left missing). */
    boolean exists() {
        return opener != null;
    }

    Connection connection() throws SQLException {
        if (opener == null) {
            throw new IllegalStateException("the SQLite database " + url.sqlitePath() + " was only inspected");
        }
        if (dataSource == null) {
            dataSource = opener.get();
        }
        return dataSource.getConnection();
    }

    /** Applies the migrations the database lacks (none if its schema is current). */
    void migrateSchema() throws SQLException {
        try (Connection connection = connection()) {
            Migrations.migrate(connection, dialect, System.currentTimeMillis());
        }
    }

    /** The schema version, 0 if the database has no schema yet. */
    int schemaVersion() throws SQLException {
        if (!exists()) {
            return 0;
        }
        try (Connection connection = connection()) {
            return hasSchema(connection) ? Migrations.currentVersion(connection) : 0;
        }
    }

    /** Row counts of the tables that hold rows; empty if the database has none (or no schema yet). */
    Map<String, Long> nonEmptyTables() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (!exists()) {
            return counts;
        }
        try (Connection connection = connection()) {
            if (!hasSchema(connection)) {
                return counts;
            }
            for (Table table : MetadataTables.TABLES) {
                long rows = TableRows.count(connection, table);
                if (rows > 0) {
                    counts.put(table.name(), rows);
                }
            }
        }
        return counts;
    }

    /**
     * Whether {@code schema_version} exists, asked with plain SQL: JDBC's metadata calls would put catalog queries
     * to ZQLite that a SQLite-compatible engine cannot answer. A query on a missing table fails; if the failure
     * was really a lost connection, the next statement reports it.
     */
    private static boolean hasSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM schema_version").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The database as a migration source. */
    RowSource asSource() {
        return new RowSource() {
            @Override
            public String description() {
                return url.toString();
            }

            @Override
            public int schemaVersion() {
                try {
                    return MetadataDatabase.this.schemaVersion();
                } catch (SQLException e) {
                    throw new MigrationException("cannot read the schema version of " + url + ": " + e.getMessage(), e);
                }
            }

            @Override
            public List<Object[]> rows(Table table) {
                try (Connection connection = connection()) {
                    return TableRows.read(connection, table);
                } catch (SQLException e) {
                    throw new MigrationException("cannot read table " + table.name() + " of " + url + ": "
                            + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                MetadataDatabase.this.close();
            }
        };
    }

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
