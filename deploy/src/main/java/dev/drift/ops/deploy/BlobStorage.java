package dev.drift.ops.deploy;

/** Where an instance's blobs live, which decides whether its registry can run as several replicas. */
public sealed interface BlobStorage {

    /** On the registry's data volume ({@code [storage] backend = "fs"}): one replica only. */
    BlobStorage VOLUME = new OnVolume();

    record OnVolume() implements BlobStorage {
    }

    /** In a bucket the user runs. */
    record InBucket(S3Bucket bucket) implements BlobStorage {
    }

    /** In the bucket {@link Layout#SEAWEEDFS_BUCKET} of a SeaweedFS the instance runs itself from {@code image}. */
    record OwnSeaweedFs(String image) implements BlobStorage {
    }
}
