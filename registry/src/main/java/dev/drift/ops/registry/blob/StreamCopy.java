package dev.drift.ops.registry.blob;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Bounded stream copying, for serving a byte range of a blob (GET with {@code Range}). */
public final class StreamCopy {

    private static final int BUFFER_SIZE = 64 * 1024;

    private StreamCopy() {
    }

    /**
     * Copies exactly {@code length} bytes from {@code in} to {@code out} and leaves the rest of {@code in}
     * unread. Running out early throws {@link EOFException}: the caller has promised that many bytes
     * (Content-Length), so a short copy must not pass as a complete one.
     *
     * @return {@code length}
     */
    public static long copy(InputStream in, OutputStream out, long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, length))];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n == -1) {
                throw new EOFException("stream ended after " + (length - remaining) + " of " + length + " bytes");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        return length;
    }
}
