package dev.drift.ops.bench;

/** Where the Drift under test keeps its blobs: a directory, or a bucket of a SeaweedFS the bench starts on 127.0.0.1. */
public enum Storage {
    FS, S3;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The row label of Drift on {@code backend} with this storage: {@code sqlite}, or {@code sqlite+s3}. */
    String label(Backend backend) {
        return this == FS ? backend.id() : backend.id() + "+" + id();
    }
}
