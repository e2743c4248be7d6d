package dev.drift.ops.registry.store.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.drift.ops.registry.store.LockMode;
import dev.drift.ops.registry.store.StoreUnavailableException;

/**
 * {@link DatabaseLocks} for SQLite: byte-range locks on a file beside the database, which every process opening it
 * (the server, {@code drift-ops gc}, a second server on the same volume) sees. Byte 0 is the collector lock, bytes
 * 1..{@value #STRIPES} the content locks' stripes.
 *
 * <p>A JVM holds file locks for the whole process and refuses a second lock on an overlapping range, even through
 * another channel. So every store of this process on one database shares one {@link LockFile}, and its threads first
 * take the stripe's in-process read-write lock: the first of this process's sharers takes the range's shared file lock
 * and the last releases it; an exclusive holder, alone in the process then, takes the exclusive one.
 */
final class LockFileLocks implements DatabaseLocks {

    static final int STRIPES = 256;
    private static final long COLLECTOR_BYTE = 0;

    /** The lock files this process has open, by path; guarded by itself. */
    private static final Map<Path, LockFile> OPEN = new HashMap<>();

    private final LockFile file;

    private LockFileLocks(LockFile file) {
        this.file = file;
    }

    /** The locks of the database {@code dbFile}, in the file named like it with {@code -locks} appended. */
    static LockFileLocks of(Path dbFile) {
        Path path = dbFile.toAbsolutePath().normalize().resolveSibling(dbFile.getFileName() + "-locks");
        synchronized (OPEN) {
            LockFile file = OPEN.get(path);
            if (file == null) {
                file = new LockFile(path);
                OPEN.put(path, file);
            }
            file.users++;
            return new LockFileLocks(file);
        }
    }

    @Override
    public Held content(String digest, LockMode mode) {
        Stripe stripe = file.stripes[DatabaseLocks.stripe(digest, STRIPES)];
        return mode == LockMode.SHARED ? stripe.lockShared() : stripe.lockExclusive();
    }

    @Override
    public Optional<Held> tryCollector() {
        if (!file.collector.tryAcquire()) {
            return Optional.empty();
        }
        try {
            FileLock lock = file.channel.tryLock(COLLECTOR_BYTE, 1, false);
            if (lock == null) {
                file.collector.release();
                return Optional.empty();
            }
            return Optional.of(() -> file.release(lock, file.collector::release));
        } catch (IOException | RuntimeException e) {
            file.collector.release();
            throw file.failure(e);
        }
    }

    /** The last store of this process on the database closes the file, which releases whatever it still holds. */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (--file.users == 0) {
                OPEN.remove(file.path);
                try {
                    file.channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close " + file.path, e);
                }
            }
        }
    }

    /** One open lock file and the in-process locks in front of its ranges. */
    private static final class LockFile {
        final Path path;
        final FileChannel channel;
        final Stripe[] stripes = new Stripe[STRIPES];
        final Semaphore collector = new Semaphore(1);
        int users;

        LockFile(Path path) {
            this.path = path;
            try {
                this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot open the SQLite database's lock file " + path + ": " + e, e);
            }
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe(this, 1 + i);
            }
        }

        void release(FileLock lock, Runnable thenLocally) {
            try {
                lock.release();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release a lock of " + path, e);
            } finally {
                thenLocally.run();
            }
        }

        StoreUnavailableException failure(Exception e) {
            return new StoreUnavailableException("cannot lock " + path + ": " + e, e);
        }
    }

    /** One content-lock byte of the file and this process's holders of it. */
    private static final class Stripe {
        final LockFile file;
        final long position;
        final ReentrantReadWriteLock local = new ReentrantReadWriteLock();
        /** This process's shared holders and the shared file lock they hold together; guarded by {@code this}. */
        int sharers;
        FileLock shared;

        Stripe(LockFile file, long position) {
            this.file = file;
            this.position = position;
        }

        Held lockShared() {
            local.readLock().lock();
            try {
                synchronized (this) {
                    if (sharers == 0) {
                        shared = file.channel.lock(position, 1, true);
                    }
                    sharers++;
                }
            } catch (IOException | RuntimeException e) {
                local.readLock().unlock();
                throw file.failure(e);
            }
            return () -> {
                try {
                    synchronized (this) {
                        if (--sharers == 0) {
                            file.release(shared, () -> shared = null);
                        }
                    }
                } finally {
                    local.readLock().unlock();
                }
            };
        }

        Held lockExclusive() {
            local.writeLock().lock();
            try {
                FileLock lock = file.channel.lock(position, 1, false);
                return () -> file.release(lock, local.writeLock()::unlock);
            } catch (IOException | RuntimeException e) {
                local.writeLock().unlock();
                throw file.failure(e);
            }
        }
    }
}
