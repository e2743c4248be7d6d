package dev.drift.ops.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import dev.drift.ops.registry.GeneratedStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams a 2 GiB blob through {@link FsBlobStore#put} and back in a JVM whose heap is capped far below
 * that (failsafe's argLine in registry/pom.xml), so any code path that buffers a whole blob fails here.
 */
class LargeBlobIT {

    private static final long SIZE = GeneratedStream.TWO_GIB;
    private static final Digest GENERATED_DIGEST = GeneratedStream.TWO_GIB_SHA256;

    @TempDir
    Path root;

    @Test
    void twoGibibyteBlobStreamsThroughASmallHeap() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("heap cap from failsafe's argLine; without it this test proves nothing")
                .isLessThan(SIZE / 4);
        FsBlobStore store = new FsBlobStore(root);

        Digest stored = store.put(new GeneratedStream(SIZE), GENERATED_DIGEST, SIZE);

        assertThat(stored).isEqualTo(GENERATED_DIGEST);
        assertThat(store.size(stored)).hasValue(SIZE);
        try (InputStream back = store.open(stored, 0)) {
            assertThat(compareAndHash(back, new GeneratedStream(SIZE))).isEqualTo(GENERATED_DIGEST);
        }
    }

    /** Checks {@code actual} byte for byte against {@code expected} and returns the sha256 of what was read. */
    private static Digest compareAndHash(InputStream actual, InputStream expected) throws IOException {
        MessageDigest hasher = Digest.newMessageDigest("sha256");
        byte[] a = new byte[64 * 1024];
        byte[] e = new byte[64 * 1024];
        long position = 0;
        int n;
        while ((n = actual.readNBytes(a, 0, a.length)) > 0) {
            assertThat(expected.readNBytes(e, 0, n)).as("expected bytes at %d", position).isEqualTo(n);
            if (!Arrays.equals(a, 0, n, e, 0, n)) {
                throw new AssertionError("content differs in the " + n + " bytes at offset " + position);
            }
            hasher.update(a, 0, n);
            position += n;
        }
        assertThat(position).isEqualTo(SIZE);
        assertThat(expected.read()).isEqualTo(-1);
        return new Digest("sha256", HexFormat.of().formatHex(hasher.digest()));
    }
}
