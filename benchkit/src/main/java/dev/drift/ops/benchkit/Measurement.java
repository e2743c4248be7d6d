package dev.drift.ops.benchkit;

/**
 * What one timed loop did: how many operations completed, how many payload bytes they moved, and
 * the wall-clock time from the first start to the last completion.
 */
public record Measurement(long operations, long bytes, long nanos) {

    /** Bytes in a megabyte as the bench reports it (decimal, like the blob sizes 1, 10 and 100 MB). */
    public static final double MB = 1_000_000.0;

    public Measurement {
        if (operations < 0 || bytes < 0 || nanos <= 0) {
            throw new IllegalArgumentException("a measurement needs operations >= 0, bytes >= 0 and a positive time, got "
                    + operations + ", " + bytes + ", " + nanos + " ns");
        }
    }

    public double seconds() {
        return nanos / 1e9;
    }

    public double operationsPerSecond() {
        return operations / seconds();
    }

    public double megabytesPerSecond() {
        return bytes / MB / seconds();
    }
}
