package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.drift.ops.config.DatabaseBackend;

/** Where Drift keeps its metadata; spelled as drift.toml spells {@code [database] backend}. */
public enum Backend {
    @JsonProperty("sqlite") SQLITE(DatabaseBackend.SQLITE),
    @JsonProperty("postgres") POSTGRES(DatabaseBackend.POSTGRES),
    @JsonProperty("zqlite") ZQLITE(DatabaseBackend.ZQLITE);

    private final DatabaseBackend database;

    Backend(DatabaseBackend database) {
        this.database = database;
    }

    public DatabaseBackend database() {
        return database;
    }
}
