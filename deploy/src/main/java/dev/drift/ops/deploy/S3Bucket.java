package dev.drift.ops.deploy;

/**
 * The bucket an instance keeps its blobs in: the {@code [storage.s3]} settings that are no secret. The keys reach
 * Drift as the files {@link Layout#S3_ACCESS_KEY_SECRET} and {@link Layout#S3_SECRET_KEY_SECRET}.
 *
 * @param redirect blob GETs answer 307 to a presigned URL, so clients must reach {@code endpoint} themselves
 */
public record S3Bucket(String endpoint, String region, String bucket, boolean pathStyle, String prefix,
                       boolean redirect) {

    /** The bucket of the SeaweedFS an instance runs itself: reached by the registry alone, so never a redirect. */
    static S3Bucket ofOwnSeaweedFs(String host) {
        return new S3Bucket("http://" + host + ":" + Layout.SEAWEEDFS_S3_PORT, Layout.SEAWEEDFS_REGION,
                Layout.SEAWEEDFS_BUCKET, true, "", false);
    }
}
