package dev.drift.ops.registry.gc;

import dev.drift.ops.registry.ops.RegistryMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [registry] gc_interval}: the server's own collector, started and stopped with the server. Every interval it
 * removes unreferenced blobs and abandoned uploads older than the window (untagged manifests stay: removing those is
 * an operator's decision, {@code drift-ops gc --untagged}). The window is never shorter than {@link #PUSH_GRACE}, whatever
 * {@code min_age_days} says: the server is serving, and a push in progress may have uploaded a layer its manifest
 * does not reference yet. A run another process's collector holds the database for
 * is skipped. Each run is logged in one line and counted in /metrics.
 */
public final class OnlineCollector extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineCollector.class);
    /** How long a live server leaves new content alone: far longer than a push takes between its layers and manifest. */
    public static final Duration PUSH_GRACE = Duration.ofHours(1);

    private final GarbageCollector collector;
    private final Duration interval;
    private final RegistryMetrics metrics;
    private ScheduledExecutorService schedule;

    /** The window a live server collects with: {@code minAge}, but at least {@link #PUSH_GRACE}. */
    public static Duration window(Duration minAge) {
        return minAge.compareTo(PUSH_GRACE) < 0 ? PUSH_GRACE : minAge;
    }

    public OnlineCollector(GarbageCollector collector, Duration interval, RegistryMetrics metrics) {
        this.collector = collector;
        this.interval = interval;
        this.metrics = metrics;
    }

    @Override
    protected void doStart() {
        // A platform thread of its own: a collection is long, blocking database and file work.
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drift-gc");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::collectOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws InterruptedException {
        schedule.shutdownNow();
        schedule.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** One run, never throwing: a failed run is logged and counted, and the next comes at its time. */
    void collectOnce() {
        try {
            Optional<GcResult> result = collector.collect(false, false);
            if (result.isEmpty()) {
                metrics.recordGcRun("busy");
                LOG.info("garbage collection skipped: another collector holds the database");
                return;
            }
            metrics.recordGcRun("done");
            metrics.recordGcRemoved(result.get().blobs().size(), result.get().uploads().size(), result.get().bytesFreed());
            LOG.info("garbage collection: {}", result.get().summary());
        } catch (RuntimeException e) {
            metrics.recordGcRun("failed");
            LOG.warn("garbage collection failed: {}", e.getMessage());
        }
    }
}
