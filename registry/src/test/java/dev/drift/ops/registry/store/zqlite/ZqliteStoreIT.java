package dev.drift.ops.registry.store.zqlite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drift.ops.config.Secret;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MetadataStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The full store contract against a real ZQLite server at {@code DRIFT_ZQLITE_URL} (e.g.
 * {@code zqlite://127.0.0.1:5433/drift}). Every table is emptied before each test, so point it at a database
 * that holds nothing of value. Without the variable the test reports itself skipped: there is no ZQLite here.
 *
 * <p>{@code DRIFT_ZQLITE_ENCRYPTION_KEY}, if set, is passed as {@code [database.zqlite] encryption_key} with
 * encryption on.
 */
class ZqliteStoreIT extends MetadataStoreContract {

    /** Child tables first, so emptying never trips a foreign key. */
    private static final List<String> TABLES = List.of("bolt_item_tags", "bolt_items", "upload_sessions",
            "manifest_references", "tags", "manifests", "repository_blobs", "blobs", "repositories");

    @Override
    protected MetadataStore openStore() {
        String url = System.getenv("DRIFT_ZQLITE_URL");
        assumeTrue(url != null && !url.isBlank(), "DRIFT_ZQLITE_URL is not set: no ZQLite server on this machine");
        String key = System.getenv("DRIFT_ZQLITE_ENCRYPTION_KEY");
        ZqliteConfig options = new ZqliteConfig(key != null, Secret.of(key == null ? "" : key), false, false);
        MetadataStore store = ZqliteStores.open(url, options);
        try (Connection connection = ZqliteStores.dataSource(ZqliteUrl.parse(url), options).getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            store.close();
            throw new IllegalStateException("cannot empty the ZQLite database for the next test", e);
        }
        return store;
    }
}
