package dev.drift.ops.config;

import java.util.Objects;

/**
 * {@code [storage.s3]}: the bucket that holds the blobs when {@code [storage] backend = "s3"}.
 *
 * @param endpoint   the S3 API's base URL (http:// or https://); empty means none configured
 * @param pathStyle  {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most self-hosted
 *                   servers (SeaweedFS, MinIO) need it
 * @param prefix     a key prefix, so several registries (or other data) can share one bucket
 * @param caFile     a PEM file of CA certificates to trust for an https endpoint instead of the JDK's; empty
 *                   for the JDK's
 * @param redirect   a blob GET answers 307 to a presigned URL of the object (valid 15 minutes), so pulls go to the
 *                   S3 server directly; clients must be able to reach {@code endpoint}
 */
public record S3Config(String endpoint, String region, String bucket, boolean pathStyle, String prefix,
                       Secret accessKey, Secret secretKey, String caFile, boolean redirect) {

    /** The values of an empty {@code [storage.s3]}. */
    public static final S3Config DEFAULTS =
            new S3Config("", "us-east-1", "", false, "", Secret.of(""), Secret.of(""), "", false);

    public S3Config {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(caFile, "caFile");
    }
}
