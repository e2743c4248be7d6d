package dev.drift.ops.registry.store.zqlite;

import com.zaxxer.hikari.HikariConfig;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MetadataStoreContract;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The whole store contract with ZQLite's dialect and ZQLite's statement text (parameters inlined as SQLite
 * literals, plain statements only), executed by a real SQLite. This proves that every statement the store sends
 * to ZQLite is SQL that SQLite accepts and that it behaves as the contract demands. It says nothing about ZQLite's
 * wire protocol; ZqliteStoreIT checks that against a real ZQLite server.
 */
class ZqliteStatementsOnSqliteTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MetadataStore openStore() {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource file = new SQLiteDataSource(sqlite);
        file.setUrl("jdbc:sqlite:" + dir.resolve("statements.db"));

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(new InlinedParametersDataSource(file));
        pool.setMaximumPoolSize(4);
        return SqlMetadataStore.open(pool, new ZqliteDialect());
    }
}
