package dev.drift.ops.registry.store;

import dev.drift.ops.config.DatabaseConfig;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import dev.drift.ops.registry.store.zqlite.ZqliteStores;

/** Opens the metadata store that {@code [database] backend} names. */
public final class MetadataStores {

    private MetadataStores() {
    }

    public static MetadataStore open(DatabaseConfig database) {
        return switch (database.backend()) {
            case SQLITE -> SqlMetadataStore.openSqlite(database.sqlitePath());
            case POSTGRES -> SqlMetadataStore.openPostgres(database.postgresUrl().reveal());
            case ZQLITE -> ZqliteStores.open(database.zqliteUrl(), database.zqlite());
        };
    }
}
