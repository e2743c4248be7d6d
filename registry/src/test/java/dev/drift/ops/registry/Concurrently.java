package dev.drift.ops.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs the same work on several threads released at one instant: bounded in rounds and in time. */
public final class Concurrently {

    /** How long all rounds of all threads may take together before the test fails instead of hanging. */
    private static final Duration LIMIT = Duration.ofMinutes(2);

    /** Work one thread does in one round. */
    @FunctionalInterface
    public interface RoundTask {
        void run(int thread, int round) throws Exception;
    }

    private Concurrently() {
    }

    /** Runs {@code rounds} rounds of {@code task} on each of {@code threads} threads and fails with the first exception. */
    public static void run(int threads, int rounds, RoundTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int id = thread;
                running.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        task.run(id, round);
                    }
                    return null;
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + LIMIT.toNanos();
            for (Future<?> future : running) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
