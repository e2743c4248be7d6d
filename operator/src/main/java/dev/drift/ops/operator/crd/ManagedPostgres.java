package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** A PostgreSQL the operator runs beside Drift, with a generated password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedPostgres(
        @JsonPropertyDescription("A PostgreSQL image with the official image's environment interface "
                + "(POSTGRES_USER, POSTGRES_DB, POSTGRES_PASSWORD_FILE, PGDATA); postgres:17 by default.")
        String image,

        @Default(StorageSpec.DEFAULT_SIZE)
        @Pattern(StorageSpec.QUANTITY)
        @JsonPropertyDescription("Requested size of PostgreSQL's claim (class and reclaim as in storage).")
        String storageSize) {

    public ManagedPostgres {
        storageSize = storageSize == null ? StorageSpec.DEFAULT_SIZE : storageSize;
    }

    static ManagedPostgres defaults() {
        return new ManagedPostgres(null, null);
    }
}
