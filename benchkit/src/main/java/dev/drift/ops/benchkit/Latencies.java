package dev.drift.ops.benchkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The time each operation of a timed loop took, for percentiles: a loop's rate says how many operations finished,
 * not how long a caller waited for one. Thread-safe; each sample is one long, so a loop of a million operations
 * keeps 8 MB.
 */
public final class Latencies {

    private final List<Long> nanos = new ArrayList<>();

    /** {@code operation}, timed into this recorder. */
    public TimedLoop.Operation timing(TimedLoop.Operation operation) {
        return sequence -> {
            long start = System.nanoTime();
            long bytes = operation.run(sequence);
            record(System.nanoTime() - start);
            return bytes;
        };
    }

    public synchronized void record(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    /** The nearest-rank {@code percent} percentile (0 < percent <= 100) in milliseconds. */
    public synchronized double percentileMillis(double percent) {
        if (nanos.isEmpty() || percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile needs samples and 0 < percent <= 100, got " + nanos.size()
                    + " samples and " + percent);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    public synchronized int count() {
        return nanos.size();
    }
}
