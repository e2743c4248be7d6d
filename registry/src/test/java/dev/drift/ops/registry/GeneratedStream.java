package dev.drift.ops.registry;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.drift.ops.registry.blob.Digest;

/** {@code size} pseudo-random bytes computed block by block (splitmix64 of the position), never stored. */
public final class GeneratedStream extends InputStream {

    public static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
    /** sha256 of the first {@link #TWO_GIB} bytes, computed once; changing the generator means updating it. */
    public static final Digest TWO_GIB_SHA256 =
            Digest.parse("sha256:b0f87655e860156db6f18e6ab5ecc36af9c0c36638e9c28a2beaf190203bf669");

    private static final int BLOCK = 64 * 1024;

    private final long size;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    private long blockIndex = -1;

    public GeneratedStream(long size) {
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
