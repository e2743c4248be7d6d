package dev.drift.ops.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code [storage]}: where blobs live, a directory ({@code fs}) or a bucket ({@code s3}, see {@link S3Config}).
 * {@code path} is read for {@code fs} only.
 */
public record StorageConfig(String backend, Path path, S3Config s3) {

    /** The values {@code backend} may take. */
    public static final List<String> BACKENDS = List.of("fs", "s3");

    public StorageConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(s3, "s3");
    }

    /** A filesystem store at {@code path} ({@code [storage.s3]} at its defaults). */
    public StorageConfig(String backend, Path path) {
        this(backend, path, S3Config.DEFAULTS);
    }

    public boolean isS3() {
        return backend.equals("s3");
    }
}
