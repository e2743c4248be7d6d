package dev.drift.ops.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** {@code [storage]}: where blobs live. Only the filesystem backend exists in this server. */
public record StorageConfig(String backend, Path path) {

    /** The values {@code backend} may take. */
    public static final List<String> BACKENDS = List.of("fs");

    public StorageConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(path, "path");
    }
}
