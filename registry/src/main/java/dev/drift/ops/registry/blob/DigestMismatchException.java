package dev.drift.ops.registry.blob;

/** Content whose computed digest differs from the one the client promised; nothing was stored. */
public class DigestMismatchException extends RuntimeException {

    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("digest mismatch: expected " + expected + ", content is " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
