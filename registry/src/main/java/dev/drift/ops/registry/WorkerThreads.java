package dev.drift.ops.registry;

/**
 * {@code [server] workers}: how many threads run request handling at once. Jetty runs each request on a virtual
 * thread, and virtual threads run on the JVM's scheduler's carrier threads, so workers is that scheduler's
 * parallelism ({@value #PARALLELISM}; its default, like workers', is the number of processors). The scheduler reads
 * it once, when the first virtual thread starts, so it is set before the server starts; a value given on the java
 * command line wins.
 */
final class WorkerThreads {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private WorkerThreads() {
    }

    /** The parallelism in effect: {@code workers}, unless the command line already chose one. */
    static int apply(int workers) {
        String given = System.getProperty(PARALLELISM);
        if (given != null) {
            return Integer.parseInt(given.strip());
        }
        System.setProperty(PARALLELISM, Integer.toString(workers));
        return workers;
    }
}
