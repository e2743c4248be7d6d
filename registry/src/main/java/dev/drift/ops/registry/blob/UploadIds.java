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

    /** True for a name an upload area may have (a directory or key listing holds other names too). */
    static boolean isValid(String name) {
        return UPLOAD_ID.matcher(name).matches();
    }

    /** Returns {@code uploadId}, or throws {@link IllegalArgumentException} when it is not a lower-case UUID. */
    static String requireValid(String uploadId) {
        if (uploadId == null || !isValid(uploadId)) {
            throw new IllegalArgumentException("invalid upload id (expected a lower-case UUID): " + uploadId);
        }
        return uploadId;
    }
}
