package dev.drift.ops.registry.gc;

import java.util.List;

/**
 * What one collection removed (or, in a dry run, would remove): manifests as {@code repository@digest}, blob digests,
 * upload session ids, and the bytes their files held.
 */
public record GcResult(boolean dryRun, List<String> manifests, List<String> blobs, List<String> uploads,
                       long bytesFreed) {

    public GcResult {
        manifests = List.copyOf(manifests);
        blobs = List.copyOf(blobs);
        uploads = List.copyOf(uploads);
    }

    /** One line for logs and the CLI, e.g. "removed 2 manifests, 3 blobs, 1 upload; 1234 bytes freed". */
    public String summary() {
        return (dryRun ? "would remove " : "removed ") + count(manifests.size(), "manifest") + ", "
                + count(blobs.size(), "blob") + ", " + count(uploads.size(), "upload") + "; " + bytesFreed
                + (dryRun ? " bytes would be freed" : " bytes freed");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
