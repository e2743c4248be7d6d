package dev.drift.ops.registry.ops;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The server's footprint at scrape time: the JVM heap (used, committed, max) and the process's resident memory as
 * the kernel counts it ({@code /proc/self/status}: VmRSS now, VmHWM the peak), which is what a container's memory
 * limit holds against. Read when scraped, so nothing runs between scrapes.
 */
final class MemoryMetrics {

    static final Path PROC_STATUS = Path.of("/proc/self/status");

    private MemoryMetrics() {
    }

    static void register(PrometheusRegistry registry, Path procStatus) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        GaugeWithCallback.builder()
                .name("drift_jvm_heap_bytes")
                .help("JVM heap by kind: used, committed (taken from the system), max (the limit; -Xmx)")
                .labelNames("kind")
                .callback(callback -> {
                    MemoryUsage heap = memory.getHeapMemoryUsage();
                    callback.call(heap.getUsed(), "used");
                    callback.call(heap.getCommitted(), "committed");
                    if (heap.getMax() >= 0) {
                        callback.call(heap.getMax(), "max");
                    }
                })
                .register(registry);
        // The conventional name of a process's resident memory, so existing dashboards find it.
        GaugeWithCallback.builder()
                .name("process_resident_memory_bytes")
                .help("Resident memory of the process (VmRSS of /proc/self/status); absent where there is none")
                .callback(callback -> statusBytes(procStatus, "VmRSS").ifPresent(callback::call))
                .register(registry);
        GaugeWithCallback.builder()
                .name("drift_process_resident_memory_peak_bytes")
                .help("Peak resident memory of the process since it started (VmHWM of /proc/self/status)")
                .callback(callback -> statusBytes(procStatus, "VmHWM").ifPresent(callback::call))
                .register(registry);
    }

    /** A {@code Name:   123 kB} line of a /proc status file, in bytes; empty when the file or the line is missing. */
    static OptionalLong statusBytes(Path procStatus, String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(procStatus);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                String[] words = line.substring(field.length() + 1).strip().split("\\s+");
                if (words.length == 2 && words[1].equals("kB") && words[0].matches("[0-9]+")) {
                    return OptionalLong.of(Long.parseLong(words[0]) * 1024);
                }
            }
        }
        return OptionalLong.empty();
    }
}
