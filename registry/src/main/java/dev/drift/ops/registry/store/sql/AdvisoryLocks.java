package dev.drift.ops.registry.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.drift.ops.registry.store.LockMode;

/**
 * {@link DatabaseLocks} for PostgreSQL: session-level advisory locks, which every Drift process sharing the database
 * competes for, and which the server drops when a process dies with them.
 *
 * <p>Each held lock keeps its connection, from a small pool of its own: a holder then runs transactions on the store's
 * pool, and sharing one pool would let holders exhaust it while each waits for one more connection.
 */
final class AdvisoryLocks implements DatabaseLocks {

    /** The first key of every content lock ("DRFT" in ASCII); the second is the digest's stripe. */
    static final int CONTENT_LOCK_CLASS = 0x44524654;

    /** The key a garbage collector holds while it runs ("DriftGC" in ASCII). */
    static final long COLLECTOR_LOCK_KEY = 0x44726966744743L;

    /** Content lock sections are a transaction and a file operation long; a few at once suffice. */
    static final int POOL_SIZE = 4;

    private final HikariDataSource pool;
    private final Transactions transactions;

    /** A pool like {@code storePool} (same server, login and timeouts) but of {@link #POOL_SIZE} connections. */
    AdvisoryLocks(HikariConfig storePool, SqlDialect dialect) {
        HikariConfig config = new HikariConfig();
        storePool.copyStateTo(config);
        config.setPoolName(storePool.getPoolName() + "-locks");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(0);
        this.pool = new HikariDataSource(config);
        this.transactions = new Transactions(pool, dialect);
    }

    @Override
    public Held content(String digest, LockMode mode) {
        String function = mode == LockMode.SHARED ? "pg_advisory_lock_shared" : "pg_advisory_lock";
        String unlock = mode == LockMode.SHARED ? "pg_advisory_unlock_shared" : "pg_advisory_unlock";
        int stripe = DatabaseLocks.stripe(digest, Integer.MAX_VALUE);
        Connection connection = transactions.borrow("content lock");
        try {
            Jdbc.first(connection, "SELECT " + function + "(?, ?)", row -> true, CONTENT_LOCK_CLASS, stripe);
        } catch (SQLException e) {
            giveBack(connection);
            throw transactions.translate("content lock", e);
        }
        return () -> release(connection, "SELECT " + unlock + "(?, ?)", CONTENT_LOCK_CLASS, stripe);
    }

    @Override
    public Optional<Held> tryCollector() {
        Connection connection = transactions.borrow("collector lock");
        try {
            boolean taken = Jdbc.single(connection, "SELECT CASE WHEN pg_try_advisory_lock(?) THEN 1 ELSE 0 END",
                    COLLECTOR_LOCK_KEY) == 1;
            if (!taken) {
                giveBack(connection);
                return Optional.empty();
            }
        } catch (SQLException e) {
            giveBack(connection);
            throw transactions.translate("collector lock", e);
        }
        return Optional.of(() -> release(connection, "SELECT pg_advisory_unlock(?)", COLLECTOR_LOCK_KEY));
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Unlocks, then returns the connection. If the unlock fails the connection is closed for good (evicted), since a
     * session still holding the lock must not serve the next holder: the server drops its locks with it.
     */
    private void release(Connection connection, String unlockSql, Object... key) {
        try {
            Jdbc.first(connection, unlockSql, row -> true, key);
        } catch (SQLException e) {
            pool.evictConnection(connection);
            return;
        }
        giveBack(connection);
    }

    private static void giveBack(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Returning a connection to the pool only fails when the pool is closing, which drops it anyway.
        }
    }
}
