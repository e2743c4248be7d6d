package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from {@code /proc/PID/status}: {@code VmRSS} (now) and {@code VmHWM}
 * (the kernel's own high-water mark of VmRSS, so no sampling thread can miss a short peak).
 *
 * @param currentKb VmRSS in kB
 * @param peakKb    VmHWM in kB
 */
public record ResidentMemory(long currentKb, long peakKb) {

    public static ResidentMemory of(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return parse(Files.readString(status));
        } catch (IOException e) {
            throw new BenchException("cannot read " + status + " (has the process exited?): " + e.getMessage(), e);
        }
    }

    static ResidentMemory parse(String status) {
        return new ResidentMemory(parseKb(status, "VmRSS"), parseKb(status, "VmHWM"));
    }

    public double currentMb() {
        return currentKb * 1024 / Measurement.MB;
    }

    public double peakMb() {
        return peakKb * 1024 / Measurement.MB;
    }

    /** The value of a {@code Name:   1234 kB} line of a /proc file. */
    static long parseKb(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).trim();
                if (!value.endsWith(" kB")) {
                    throw new BenchException("unexpected " + name + " line in /proc: " + line);
                }
                return Long.parseLong(value.substring(0, value.length() - 3).trim());
            }
        }
        throw new BenchException("no " + name + " line in /proc");
    }
}
