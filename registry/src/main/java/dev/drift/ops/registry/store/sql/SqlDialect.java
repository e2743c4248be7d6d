package dev.drift.ops.registry.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * What differs between the SQL engines behind {@link SqlMetadataStore}. Everything else (the statements and the
 * migrations) is shared, so a new backend is a new dialect plus a way to build its connection pool.
 */
public interface SqlDialect {

    /** Short engine name for messages, e.g. "sqlite". */
    String name();

    /**
     * Values for the {@code ${...}} placeholders in the migration scripts: the column types that no single
     * spelling covers on every engine. Every dialect must supply:
     * <ul>
     *   <li>{@code auto_id_primary_key}: an integer primary key the database numbers by itself;</li>
     *   <li>{@code byte_ordered_text}: text that compares and sorts by bytes, as OCI tag and catalog paging
     *       expect (a locale collation would put "B" after "a").</li>
     * </ul>
     */
    Map<String, String> migrationPlaceholders();

    /**
     * True if the error means the database cannot be reached or used right now (down, unreachable, IO failure,
     * locked for too long), as opposed to a bug or bad data. The store reports these as
     * {@link dev.drift.ops.registry.store.StoreUnavailableException}. This default recognises the JDBC standard
     * connection errors; dialects add their engine's codes.
     */
    default boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
    }

    /**
     * Takes, on the connection that is about to migrate, whatever lock keeps other processes from migrating the same
     * database at the same moment; {@link #unlockMigrations} releases it. The default takes none: an engine whose
     * migration transaction already excludes other writers (SQLite's BEGIN IMMEDIATE) needs no more.
     */
    default void lockMigrations(Connection connection) throws SQLException {
    }

    default void unlockMigrations(Connection connection) throws SQLException {
    }

    /**
     * Appended to a SELECT inside a write transaction to keep the rows it read from being deleted until the
     * transaction ends (PostgreSQL: {@code FOR SHARE}). The default is none: an engine whose write transaction holds
     * the database's only write lock (SQLite's BEGIN IMMEDIATE) already keeps every other writer out.
     */
    default String shareRowLock() {
        return "";
    }

    /** As {@link #shareRowLock()}, for rows the transaction is about to change or delete (PostgreSQL: {@code FOR UPDATE}). */
    default String updateRowLock() {
        return "";
    }

    /**
     * Makes the commit of the transaction begun on {@code connection} return before the commit reaches the disk, when
     * the engine would otherwise wait for that: for work whose loss in a machine crash costs a client a retry, not
     * data. Atomicity and order stay; a later waiting commit takes the earlier ones to the disk with it. The default
     * does nothing: SQLite in WAL mode with synchronous=NORMAL (as Drift opens it) does not wait at commit anyway.
     */
    default void commitWithoutWaitingForDisk(Connection connection) throws SQLException {
    }
}
