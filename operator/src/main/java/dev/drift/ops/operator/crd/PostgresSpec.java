package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** backend postgres: either a PostgreSQL the operator runs, or one outside the instance. Neither means managed. */
@ValidationRule(value = "!(has(self.managed) && has(self.external))",
        message = "postgres.managed and postgres.external are exclusive; set one")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostgresSpec(
        @JsonPropertyDescription("A PostgreSQL StatefulSet the operator runs for this instance (the default).")
        ManagedPostgres managed,

        @JsonPropertyDescription("A PostgreSQL the operator does not run; Drift reads its URL from a Secret.")
        ExternalPostgres external) {

    public PostgresSpec {
        if (managed == null && external == null) {
            managed = ManagedPostgres.defaults();
        }
    }

    static PostgresSpec managedDefaults() {
        return new PostgresSpec(null, null);
    }

    public boolean runsOwnServer() {
        return external == null;
    }
}
