package dev.drift.ops.registry.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.drift.ops.registry.store.StoreUnavailableException;
import java.nio.file.Path;

/**
 * Connection pools to a metadata database with the same settings the store uses, but without migrating or
 * wrapping it in a store: for tools that read or write the tables directly (the backend migration).
 */
public final class SqlDatabases {

    private SqlDatabases() {
    }

    /** The SQLite file at {@code dbFile}, which SQLite creates if it does not exist. */
    public static HikariDataSource sqlite(Path dbFile) {
        return start(new SqliteDialect().poolConfig(dbFile), "sqlite");
    }

    /** The PostgreSQL database {@code url} names; its password (if any) goes to the driver as a property only. */
    public static HikariDataSource postgres(PostgresUrl url) {
        return start(new PostgresDialect().poolConfig(url), "postgres");
    }

    private static HikariDataSource start(com.zaxxer.hikari.HikariConfig config, String engine) {
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreUnavailableException("cannot connect to the " + engine + " database: " + cause.getMessage(), e);
        }
    }
}
