package dev.drift.ops.registry.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what is read through it and refuses to hand out more than {@code maxBytes}: the byte past the
 * limit throws {@link BlobTooLargeException}, so a reader streaming into object storage learns about an
 * oversized blob before it has sent anything it cannot take back. With a null hasher it only counts and limits.
 */
final class HashingInputStream extends FilterInputStream {

    private final MessageDigest hasher;
    private final long maxBytes;
    private long count;

    HashingInputStream(InputStream in, MessageDigest hasher, long maxBytes) {
        super(in);
        this.hasher = hasher;
        this.maxBytes = maxBytes;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // Asks for at most one byte beyond the limit, enough to notice it without reading far past it.
        // (count never passes maxBytes without throwing, so remaining is not negative and cannot overflow).
        long remaining = maxBytes - count;
        int n = in.read(b, off, remaining < len ? (int) remaining + 1 : len);
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            if (hasher != null) {
                hasher.update(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes out of the digest");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
