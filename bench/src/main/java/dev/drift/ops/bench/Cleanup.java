package dev.drift.ops.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the bench started (servers, PostgreSQL, its work directory), stopped in reverse order
 * when the run ends, fails, or the JVM is asked to exit (Ctrl-C), so no registry outlives the bench.
 */
final class Cleanup implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Thread hook = new Thread(this::closeAll, "drift-bench-cleanup");

    Cleanup() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting and the hook has run
        }
    }

    private synchronized void closeAll() {
        while (!resources.isEmpty()) {
            closeQuietly(resources.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("drift-ops bench: could not stop " + resource + ": " + e.getMessage());
        }
    }
}
