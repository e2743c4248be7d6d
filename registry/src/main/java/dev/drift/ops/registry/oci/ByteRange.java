package dev.drift.ops.registry.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of an HTTP {@code Range} header ({@code bytes=start-end}, {@code bytes=start-},
 * {@code bytes=-suffix}), resolved against the blob's size. Multi-range requests are answered in full,
 * which RFC 9110 allows.
 */
record ByteRange(long start, long endInclusive) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Parses the header; null when absent or not a single range (serve everything). */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = SaturatingDecimal.parse(m.group(2));
            if (suffix == 0) {
                throw unsatisfiable(size);
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long start = SaturatingDecimal.parse(m.group(1));
        long end = m.group(2).isEmpty() ? size - 1 : Math.min(SaturatingDecimal.parse(m.group(2)), size - 1);
        if (start >= size || end < start) {
            throw unsatisfiable(size);
        }
        return new ByteRange(start, end);
    }

    long length() {
        return endInclusive - start + 1;
    }

    private static RangeNotSatisfiableException unsatisfiable(long size) {
        return new RangeNotSatisfiableException(size);
    }

    /** Answered with 416 and {@code Content-Range: bytes *}/size. */
    static final class RangeNotSatisfiableException extends RuntimeException {
        private final long size;

        RangeNotSatisfiableException(long size) {
            super("requested range not satisfiable for a blob of " + size + " bytes");
            this.size = size;
        }

        long size() {
            return size;
        }
    }
}
