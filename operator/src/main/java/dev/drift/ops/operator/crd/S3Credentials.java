package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** The Secret holding the bucket's keys: mounted into the Drift pods as files, never copied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3Credentials(
        @Required
        @JsonPropertyDescription("Name of the Secret in the DriftRegistry's namespace.")
        String name,

        @Default(DEFAULT_ACCESS_KEY_KEY)
        @JsonPropertyDescription("Key inside the Secret holding the access key.")
        String accessKeyKey,

        @Default(DEFAULT_SECRET_KEY_KEY)
        @JsonPropertyDescription("Key inside the Secret holding the secret key.")
        String secretKeyKey) {

    public static final String DEFAULT_ACCESS_KEY_KEY = "accessKey";
    public static final String DEFAULT_SECRET_KEY_KEY = "secretKey";

    public S3Credentials {
        accessKeyKey = accessKeyKey == null ? DEFAULT_ACCESS_KEY_KEY : accessKeyKey;
        secretKeyKey = secretKeyKey == null ? DEFAULT_SECRET_KEY_KEY : secretKeyKey;
    }
}
