package dev.drift.ops.registry.blob;

/** Content beyond the configured upload limit ({@code [registry] max_upload_size_mb}). */
public class BlobTooLargeException extends RuntimeException {

    public BlobTooLargeException(long maxBytes) {
        super("content exceeds the upload limit of " + maxBytes + " bytes");
    }
}
