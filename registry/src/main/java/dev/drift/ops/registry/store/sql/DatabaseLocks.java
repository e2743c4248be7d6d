package dev.drift.ops.registry.store.sql;

import java.util.Optional;

import dev.drift.ops.registry.store.LockMode;

/**
 * The locks every Drift process using one metadata database takes besides its row locks: content locks, which order a
 * removal of a digest's bytes against a push linking the same bytes, and the one collector lock. They are held across
 * work outside the database (a file delete), which no transaction can cover.
 */
interface DatabaseLocks extends AutoCloseable {

    /** A lock that is held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for the content lock of {@code digest} in {@code mode}. */
    Held content(String digest, LockMode mode);

    /** The collector lock if no other collector holds it, at once; empty otherwise. */
    Optional<Held> tryCollector();

    @Override
    void close();

    /**
     * Which of {@code stripes} a digest's lock is: digests are uniformly random, so their first hex digits spread
     * evenly, and two digests sharing a stripe only wait for each other a little.
     */
    static int stripe(String digest, int stripes) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return Integer.remainderUnsigned((int) Long.parseLong(hex.substring(0, Math.min(8, hex.length())), 16), stripes);
    }
}
