package dev.drift.ops.bench;

import dev.drift.ops.benchkit.Measurement;

/**
 * One measured number of one server: e.g. "push 10 MB x8" = 412.3 MB/s.
 *
 * @param section        what part of the bench it belongs to (blobs, manifests, memory, store)
 * @param name           what was measured, unique within a server's figures
 * @param unit           MB/s, ops/s, ms or MB
 * @param higherIsBetter false for latency and memory
 * @param value          the number
 * @param operations     operations the number is based on (0 for memory)
 * @param seconds        measured wall-clock seconds (0 for memory)
 */
public record Figure(String section, String name, String unit, boolean higherIsBetter, double value,
                     long operations, double seconds) {

    public static Figure throughput(String section, String name, Measurement measurement) {
        return new Figure(section, name, "MB/s", true, measurement.megabytesPerSecond(), measurement.operations(),
                measurement.seconds());
    }

    public static Figure rate(String section, String name, Measurement measurement) {
        return new Figure(section, name, "ops/s", true, measurement.operationsPerSecond(), measurement.operations(),
                measurement.seconds());
    }

    /** How long one operation took a caller, at a percentile (lower is better). */
    public static Figure latency(String section, String name, double milliseconds, long operations) {
        return new Figure(section, name, "ms", false, milliseconds, operations, 0);
    }

    public static Figure memory(String name, double megabytes) {
        return new Figure("memory", name, "MB", false, megabytes, 0, 0);
    }
}
