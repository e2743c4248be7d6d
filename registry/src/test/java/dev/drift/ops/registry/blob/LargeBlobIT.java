package dev.drift.ops.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams a 2 GiB blob through {@link FsBlobStore#put} and back in a JVM whose heap is capped far below
 * that (failsafe's argLine in registry/pom.xml), so any code path that buffers a whole blob fails here.
 */
class LargeBlobIT {

    private static final long SIZE = 2L * 1024 * 1024 * 1024;
    /** sha256 of {@link GeneratedStream}'s 2 GiB, computed once; changing the generator means updating it. */
    private static final Digest GENERATED_DIGEST = Digest.parse("sha256:b0f87655e860156db6f18e6ab5ecc36af9c0c36638e9c28a2beaf190203bf669");

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

    /** {@code size} pseudo-random bytes computed block by block (splitmix64 of the position), never stored. */
    private static final class GeneratedStream extends InputStream {
        private static final int BLOCK = 64 * 1024;

        private final long size;
        private final ByteBuffer block = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        private long position;
        private long blockIndex = -1;

        GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            fillBlock(position / BLOCK);
            int inBlock = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(len, BLOCK - inBlock), size - position);
            block.get(inBlock, b, off, n);
            position += n;
            return n;
        }

        private void fillBlock(long index) {
            if (index == blockIndex) {
                return;
            }
            long first = index * (BLOCK / Long.BYTES);
            for (int i = 0; i < BLOCK / Long.BYTES; i++) {
                block.putLong(i * Long.BYTES, splitmix64(first + i));
            }
            blockIndex = index;
        }

        private static long splitmix64(long x) {
            long z = x * 0x9E3779B97F4A7C15L + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
