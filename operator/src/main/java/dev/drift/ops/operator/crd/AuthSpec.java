package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/** Drift's basic-auth login. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthSpec(
        @JsonPropertyDescription("An existing Secret with keys username and password. When absent the operator "
                + "generates one, drift-NAME-auth, once, and keeps it.")
        String secretName) {

    public Optional<String> givenSecret() {
        return Optional.ofNullable(secretName);
    }
}
