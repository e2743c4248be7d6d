package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The Secret key holding ZQLite's encryption key. Unlike a URL it has no customary key name, so
 * both are required.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EncryptionKeyRef(
        @Required
        @JsonPropertyDescription("Name of the Secret.")
        String name,

        @Required
        @JsonPropertyDescription("Key inside the Secret; its value must be exactly 32 bytes.")
        String key) {
}
