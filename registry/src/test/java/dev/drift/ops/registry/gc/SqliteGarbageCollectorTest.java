package dev.drift.ops.registry.gc;

import java.nio.file.Path;

import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;

class SqliteGarbageCollectorTest extends GarbageCollectorContract {

    @Override
    protected MetadataStore openStore(Path dir) {
        return SqlMetadataStore.openSqlite(dir.resolve("drift.db"));
    }
}
