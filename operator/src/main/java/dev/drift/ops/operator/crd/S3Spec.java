package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.drift.ops.deploy.S3Bucket;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/**
 * storage backend s3: the bucket Drift keeps its blobs in, as drift.toml's {@code [storage.s3]} without the keys,
 * which stay in {@link #credentialsSecret}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3Spec(
        @Required
        @JsonPropertyDescription("The S3 API's URL with its scheme, e.g. http://seaweedfs.storage.svc:8333 or https://s3.eu-west-1.amazonaws.com.")
        String endpoint,

        @Default(DEFAULT_REGION)
        @JsonPropertyDescription("The bucket's region.")
        String region,

        @Required
        @JsonPropertyDescription("The bucket, which must exist.")
        String bucket,

        @Default("false")
        @JsonPropertyDescription("Address the bucket as ENDPOINT/BUCKET rather than BUCKET.ENDPOINT (MinIO, SeaweedFS).")
        Boolean pathStyle,

        @JsonPropertyDescription("A key prefix under which Drift keeps its objects, so instances can share a bucket; none by default.")
        String prefix,

        @Default("false")
        @JsonPropertyDescription("Blob downloads answer 307 to a presigned URL of the bucket, so clients must reach the endpoint themselves.")
        Boolean redirect,

        @Required
        @JsonPropertyDescription("The Secret with the access and secret key.")
        S3Credentials credentialsSecret) {

    public static final String DEFAULT_REGION = "us-east-1";

    public S3Spec {
        region = region == null ? DEFAULT_REGION : region;
        pathStyle = pathStyle != null && pathStyle;
        prefix = prefix == null ? "" : prefix;
        redirect = redirect != null && redirect;
    }

    /** The deployment model's bucket: everything here but the keys. */
    public S3Bucket bucketSettings() {
        return new S3Bucket(endpoint, region, bucket, pathStyle, prefix, redirect);
    }
}
