package dev.drift.ops.registry.blob;

import java.util.regex.Pattern;

/**
 * Upload ids as every {@link BlobStore} accepts them: lower-case UUIDs, so that none can point outside the
 * store's upload area, be it a directory or a key prefix.
 */
final class UploadIds {

    private static final Pattern UPLOAD_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private UploadIds() {
    }

    /** Returns {@code uploadId}, or throws {@link IllegalArgumentException} when it is not a lower-case UUID. */
    static String requireValid(String uploadId) {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("invalid upload id (expected a lower-case UUID): " + uploadId);
        }
        return uploadId;
    }
}
