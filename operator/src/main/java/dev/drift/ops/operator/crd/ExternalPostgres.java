package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A PostgreSQL outside the instance: its URL (with the password) stays in the user's Secret, mounted as a file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExternalPostgres(
        @Required
        @JsonPropertyDescription("The Secret key holding postgres://USER:PASSWORD@HOST:PORT/DB.")
        SecretKeyRef urlSecret) {
}
