package dev.drift.ops.registry.blob;

import java.io.IOException;

/**
 * An append that was to start at one offset found the upload at another: another request wrote first. Nothing
 * was written; {@link #currentSize()} is where the upload stands, for the client to resume from.
 */
public final class UploadOffsetMismatchException extends IOException {

    private final long currentSize;

    public UploadOffsetMismatchException(String uploadId, long expectedOffset, long currentSize) {
        super("upload " + uploadId + " is at " + currentSize + " bytes, not at " + expectedOffset);
        this.currentSize = currentSize;
    }

    public long currentSize() {
        return currentSize;
    }
}
