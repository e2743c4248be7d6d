package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Where and when the numbers were taken; a bench figure means little without it. */
public record MachineInfo(String date, int cores, String jdk, String os, long memoryTotalMb, String loadAverage) {

    public static MachineInfo now() {
        return new MachineInfo(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readMemoryTotalMb(), currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages, e.g. "3.10 2.95 2.80"; "unknown" off Linux. */
    public static String currentLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static long readMemoryTotalMb() {
        try {
            return ResidentMemory.parseKb(Files.readString(Path.of("/proc/meminfo")), "MemTotal") * 1024 / 1_000_000;
        } catch (IOException | BenchException e) {
            return 0;
        }
    }
}
