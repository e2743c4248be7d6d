package dev.drift.ops.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The bytes of one pushed blob, generated while they are sent and hashed on the way, so a 100 MB
 * push with concurrency 8 needs no 800 MB of buffers and every push has a digest of its own (no
 * registry can skip work because it has seen the content before).
 *
 * <p>The content is a 16-byte header unique to the blob followed by a fixed block of random bytes
 * repeated; random so that nothing on the way can compress it.
 */
public final class BlobContent extends InputStream {

    private static final int BLOCK_SIZE = 1 << 20;
    private static final byte[] BLOCK = randomBlock();

    private final long size;
    private final byte[] header;
    private final MessageDigest sha256;
    private long position;

    public BlobContent(long size, long id) {
        if (size < 16) {
            throw new IllegalArgumentException("a generated blob is at least 16 bytes, not " + size);
        }
        this.size = size;
        this.header = ByteBuffer.allocate(16).putLong(id).putLong(System.nanoTime()).array();
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public long size() {
        return size;
    }

    /** The blob's digest ({@code sha256:hex}); valid once every byte has been read. */
    public String digest() {
        if (position != size) {
            throw new IllegalStateException("the digest is known only after all " + size + " bytes were read");
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int count = (int) Math.min(length, size - position);
        int written = 0;
        while (written < count) {
            long at = position + written;
            byte[] source = at < header.length ? header : BLOCK;
            int from = at < header.length ? (int) at : (int) ((at - header.length) % BLOCK_SIZE);
            int chunk = Math.min(count - written, source.length - from);
            System.arraycopy(source, from, target, offset + written, chunk);
            written += chunk;
        }
        sha256.update(target, offset, count);
        position += count;
        return count;
    }

    private static byte[] randomBlock() {
        byte[] block = new byte[BLOCK_SIZE];
        SplittableRandom random = new SplittableRandom(20261128L);
        for (int i = 0; i < block.length; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8; j++) {
                block[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return block;
    }
}
