package dev.drift.ops.benchkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one operation over and over on {@code concurrency} threads until the time is up or the count
 * is reached, whichever comes first. An operation that started before the deadline is allowed to
 * finish (a 100 MB push cannot be cut in half), so the measured time runs to the last completion;
 * at least {@code concurrency} operations run, however busy the machine.
 * The first failure ends the loop: a bench that measures errors measures nothing.
 */
public final class TimedLoop {

    /** One unit of work; returns the payload bytes it moved (0 for metadata operations). */
    @FunctionalInterface
    public interface Operation {
        long run(long sequence) throws Exception;
    }

    private TimedLoop() {
    }

    public static Measurement run(int concurrency, Duration duration, long maxOperations, Operation operation) {
        if (concurrency < 1 || maxOperations < 1) {
            throw new IllegalArgumentException("concurrency and maxOperations must be at least 1");
        }
        AtomicLong issued = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                futures.add(workers.submit(() -> {
                    long sequence;
                    // The first `concurrency` operations run even past the deadline: a measurement is never empty.
                    while ((sequence = issued.getAndIncrement()) < maxOperations
                            && (sequence < concurrency || System.nanoTime() < deadline)) {
                        bytes.addAndGet(operation.run(sequence));
                        completed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                await(future, futures);
            }
        }
        return new Measurement(completed.get(), bytes.get(), Math.max(1, System.nanoTime() - start));
    }

    private static void await(Future<?> future, List<Future<?>> all) {
        try {
            future.get();
        } catch (ExecutionException e) {
            all.forEach(other -> other.cancel(true));
            Throwable cause = e.getCause();
            throw new BenchException("a benchmark operation failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            all.forEach(other -> other.cancel(true));
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
