package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where Drift keeps its blobs; spelled as drift.toml spells {@code [storage] backend}. */
public enum StorageBackend {
    /** On Drift's data claim: one pod only. */
    @JsonProperty("fs") FS,
    /** In an S3 bucket ({@code storage.s3}): with backend postgres, any number of pods. */
    @JsonProperty("s3") S3;

    static final String DEFAULT_VALUE = "fs";
    static final StorageBackend DEFAULT = FS;
}
