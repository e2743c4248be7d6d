package dev.drift.ops.registry.blob;

import dev.drift.ops.config.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;

/** Opens the blob store {@code [storage]} names, for the server and the offline garbage collector alike. */
public final class BlobStores {

    private BlobStores() {
    }

    /** A filesystem store (its directory made if missing) or a connected S3 store; either has passed a write check. */
    public static BlobStore open(StorageConfig storage) throws IOException {
        if (storage.isS3()) {
            return S3BlobStore.connect(storage.s3());
        }
        Files.createDirectories(storage.path());
        return new FsBlobStore(storage.path());
    }

    /** Where the blobs are, for the start-up log line; never a credential. */
    public static String describe(StorageConfig storage) {
        return storage.isS3()
                ? "s3 bucket " + storage.s3().bucket() + (storage.s3().prefix().isEmpty() ? "" : " prefix " + storage.s3().prefix())
                        + " at " + storage.s3().endpoint()
                : storage.path().toString();
    }
}
