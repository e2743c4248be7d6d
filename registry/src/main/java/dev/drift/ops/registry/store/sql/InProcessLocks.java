package dev.drift.ops.registry.store.sql;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.drift.ops.registry.store.LockMode;

/**
 * {@link DatabaseLocks} within this process only: for ZQLite, whose server offers no lock a client could hold across
 * statements (no advisory locks, no file beside the database), so one Drift process per ZQLite database is assumed.
 */
final class InProcessLocks implements DatabaseLocks {

    static final int STRIPES = 256;

    private final ReadWriteLock[] content = new ReadWriteLock[STRIPES];
    private final Semaphore collector = new Semaphore(1);

    InProcessLocks() {
        for (int i = 0; i < STRIPES; i++) {
            content[i] = new ReentrantReadWriteLock();
        }
    }

    @Override
    public Held content(String digest, LockMode mode) {
        ReadWriteLock stripe = content[DatabaseLocks.stripe(digest, STRIPES)];
        Lock lock = mode == LockMode.SHARED ? stripe.readLock() : stripe.writeLock();
        lock.lock();
        return lock::unlock;
    }

    @Override
    public Optional<Held> tryCollector() {
        return collector.tryAcquire() ? Optional.of(collector::release) : Optional.empty();
    }

    @Override
    public void close() {
    }
}
