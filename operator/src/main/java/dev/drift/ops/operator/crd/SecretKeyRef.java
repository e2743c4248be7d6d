package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the DriftRegistry's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretKeyRef(
        @Required
        @JsonPropertyDescription("Name of the Secret.")
        String name,

        @Default(DEFAULT_KEY)
        @JsonPropertyDescription("Key inside the Secret.")
        String key) {

    public static final String DEFAULT_KEY = "url";

    public SecretKeyRef {
        key = key == null ? DEFAULT_KEY : key;
    }
}
