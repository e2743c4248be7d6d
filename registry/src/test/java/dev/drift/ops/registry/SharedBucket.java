package dev.drift.ops.registry;

import dev.drift.ops.testkit.SeaweedFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real SeaweedFS bucket for a test class whose tests run on a filesystem and on S3 alike: started by the first test
 * that asks for it, stopped after the class; each test keeps its blobs under a key prefix of its own.
 */
public final class SharedBucket implements AfterAllCallback {

    private SeaweedFs seaweed;
    private Path dir;

    /** The [storage] sections of blobs in the bucket under {@code prefix}; starts SeaweedFS on first use. */
    public synchronized String storageToml(String prefix) {
        return server().storageToml(prefix);
    }

    /** The digests ({@code sha256:hex}) of the blobs under {@code prefix}. */
    public synchronized List<String> blobDigests(String prefix) {
        String blobs = prefix + "blobs/sha256/";
        return server().keys(blobs).stream().map(key -> "sha256:" + key.substring(blobs.length())).toList();
    }

    /** Every key under {@code prefix}. */
    public synchronized List<String> keys(String prefix) {
        return server().keys(prefix);
    }

    /** A prefix no other test uses. */
    public static String newPrefix() {
        return "test-" + UUID.randomUUID() + "/";
    }

    private SeaweedFs server() {
        if (seaweed == null) {
            try {
                dir = Files.createTempDirectory("drift-shared-bucket-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            seaweed = SeaweedFs.start(dir, "shared");
        }
        return seaweed;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        if (seaweed != null) {
            seaweed.close();
            seaweed = null;
            try (var tree = Files.walk(dir)) {
                for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
