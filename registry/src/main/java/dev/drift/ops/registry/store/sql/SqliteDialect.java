package dev.drift.ops.registry.store.sql;

import com.zaxxer.hikari.HikariConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite: one database file, WAL so readers never wait for the writer, writers queue on a busy timeout. */
public final class SqliteDialect implements SqlDialect {

    /** How long a writer waits for another writer's lock before the store reports itself unavailable. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** WAL lets readers run beside the single writer; more connections than this only queue on the write lock. */
    private static final int POOL_SIZE = 4;

    /** Primary result codes (the low byte of extended codes) that mean the file cannot be used right now. */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(
            SQLiteErrorCode.SQLITE_BUSY.code,
            SQLiteErrorCode.SQLITE_LOCKED.code,
            SQLiteErrorCode.SQLITE_NOMEM.code,
            SQLiteErrorCode.SQLITE_READONLY.code,
            SQLiteErrorCode.SQLITE_IOERR.code,
            SQLiteErrorCode.SQLITE_CORRUPT.code,
            SQLiteErrorCode.SQLITE_FULL.code,
            SQLiteErrorCode.SQLITE_CANTOPEN.code,
            SQLiteErrorCode.SQLITE_PROTOCOL.code,
            SQLiteErrorCode.SQLITE_NOTADB.code);

    @Override
    public String name() {
        return "sqlite";
    }

    /**
     * SQLite's spellings of the migration placeholders, shared by every SQLite-compatible engine:
     * INTEGER PRIMARY KEY (exactly this spelling) makes the column the rowid, numbered by the engine, and
     * TEXT compares bytewise (BINARY collation) unless told otherwise.
     */
    public static final Map<String, String> PLACEHOLDERS = Map.of(
            "auto_id_primary_key", "INTEGER PRIMARY KEY",
            "byte_ordered_text", "TEXT");

    @Override
    public Map<String, String> migrationPlaceholders() {
        return PLACEHOLDERS;
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        if (e instanceof SQLiteException sqlite && UNAVAILABLE_CODES.contains(sqlite.getResultCode().code & 0xFF)) {
            return true;
        }
        return SqlDialect.super.isUnavailable(e);
    }

    /**
     * Pool settings for the database file. Every connection turns on WAL, foreign keys and the busy timeout, and
     * begins its transactions IMMEDIATE: a write transaction takes the write lock up front and waits for it,
     * instead of starting as a reader and failing with SQLITE_BUSY when it later needs to write.
     */
    HikariConfig poolConfig(Path dbFile) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + dbFile.toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("drift-sqlite");
        pool.setDataSource(dataSource);
        pool.setMaximumPoolSize(POOL_SIZE);
        // A caller waits for a free connection a little longer than a writer waits for the lock.
        pool.setConnectionTimeout(BUSY_TIMEOUT.plusSeconds(5).toMillis());
        return pool;
    }
}
