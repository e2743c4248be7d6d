package dev.drift.ops.registry.store.zqlite;

import dev.drift.ops.registry.store.sql.SqlDialect;
import dev.drift.ops.registry.store.sql.SqliteDialect;
import java.sql.SQLException;
import java.util.Map;

/**
 * ZQLite as the seed describes it: SQLite's SQL, reached over the PostgreSQL wire protocol. The schema therefore
 * uses SQLite's spellings; errors arrive as PostgreSQL SQLSTATEs, because pgjdbc carries them.
 */
public final class ZqliteDialect implements SqlDialect {

    @Override
    public String name() {
        return "zqlite";
    }

    /** The same as SQLite's: a SQLite-compatible engine numbers an INTEGER PRIMARY KEY and compares TEXT by bytes. */
    @Override
    public Map<String, String> migrationPlaceholders() {
        return SqliteDialect.PLACEHOLDERS;
    }

    /** Adds class 57 (operator intervention: the server shutting down or restarting) to the connection errors. */
    @Override
    public boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return SqlDialect.super.isUnavailable(e) || (state != null && state.startsWith("57"));
    }
}
