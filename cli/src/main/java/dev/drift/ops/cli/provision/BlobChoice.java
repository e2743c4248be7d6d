package dev.drift.ops.cli.provision;

import java.util.Arrays;

/** Where {@code up} keeps the blobs: on the registry's data volume, or in a bucket of the instance's own S3 server. */
public enum BlobChoice {
    FS("fs"),
    S3("s3");

    private final String id;

    BlobChoice(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static BlobChoice fromId(String id) {
        return Arrays.stream(values()).filter(choice -> choice.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be fs or s3, got \"" + id + "\""));
    }
}
