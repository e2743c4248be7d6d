package dev.drift.ops.registry.store.sql;

import dev.drift.ops.registry.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Borrows connections from the pool, wraps writes in one transaction each, and turns {@link SQLException}s into
 * the store's unchecked exceptions: {@link StoreUnavailableException} when the database cannot be used (the
 * dialect decides), {@link IllegalStateException} for anything else. Messages name the operation and the engine,
 * never connection details.
 */
final class Transactions {

    /** Database work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final SqlDialect dialect;

    Transactions(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Runs {@code work} in auto-commit mode: each statement sees committed data and takes no write lock. */
    <T> T read(String operation, Work<T> work) {
        return withConnection(operation, work);
    }

    /**
     * Runs {@code work} in one transaction: all of it commits, or none of it does. The pool restores auto-commit
     * when the connection comes back.
     */
    <T> T write(String operation, Work<T> work) {
        return write(operation, false, work);
    }

    /**
     * As {@link #write}, for bookkeeping whose loss in a machine crash costs a client a retry: its commit does not
     * wait for the disk ({@link SqlDialect#commitWithoutWaitingForDisk}).
     */
    <T> T writeBookkeeping(String operation, Work<T> work) {
        return write(operation, true, work);
    }

    private <T> T write(String operation, boolean bookkeeping, Work<T> work) {
        return withConnection(operation, connection -> {
            connection.setAutoCommit(false);
            try {
                if (bookkeeping) {
                    dialect.commitWithoutWaitingForDisk(connection);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        });
    }

    /** Runs {@code work} on a borrowed connection that it may commit itself (migrations). */
    <T> T withConnection(String operation, Work<T> work) {
        try (Connection connection = borrow(operation)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(operation, e);
        }
    }

    /** A connection from the pool, which the caller closes to give back. */
    Connection borrow(String operation) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            // Whatever the reason (closed pool, server down, pool exhausted), no connection means unavailable.
            throw new StoreUnavailableException(describe(operation) + ": no database connection", e);
        }
    }

    RuntimeException translate(String operation, SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && dialect.isUnavailable(sql)) {
                return new StoreUnavailableException(describe(operation) + ": database unavailable", e);
            }
        }
        return new IllegalStateException(describe(operation) + " failed", e);
    }

    private String describe(String operation) {
        return "metadata store (" + dialect.name() + ") " + operation;
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
