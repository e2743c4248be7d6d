package dev.drift.ops.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM settings Drift runs with, whatever runs it: the local launcher and the bench put them on the java command
 * line, the image and the containers (docker target, compose, pods, chart) get them in {@link #LAUNCHER_ENV}.
 * A user adds options after these through {@link #USER_ENV}; for -XX flags and -Xmx the later one wins.
 */
public final class JvmOptions {

    /** Options a user adds after the defaults: drift-ops' own environment, compose's, the chart's javaOptions. */
    public static final String USER_ENV = "DRIFT_JAVA_OPTS";

    /** The java launcher (not other JDK tools) reads this before its command line (JDK 9+). */
    public static final String LAUNCHER_ENV = "JDK_JAVA_OPTIONS";

    /** The build argument of compose/drift/Dockerfile that carries {@link #DEFAULTS} into the image. */
    public static final String IMAGE_BUILD_ARG = "JAVA_OPTIONS";

    /**
     * What Drift runs with, chosen by measuring (README, "Memory"): a registry streams blobs through small buffers, so
     * its heap is mostly short-lived garbage and a 64 MB bound held every bench workload (8 concurrent 100 MB pushes
     * included), where the JVM's default sizing (a quarter of the machine's memory, an eighth of that committed at
     * start) kept ~390 MB resident. The serial collector has the smallest footprint at that size and on few cores
     * (G1 measured higher), and starts from a small heap it grows only as needed. Beyond the heap, most of what stayed
     * resident was the JIT's: tiered compilation compiles thousands of methods twice (C1 with profiling, then C2),
     * and the compilers' scratch memory is freed to malloc, which kept it. With C2 alone and the native heap trimmed
     * each second, peak RSS fell from 139-148 to 108-112 MB and RSS after the run from 134-142 to 94-96 MB (one bench
     * run each, 3 s per figure), but code run a few hundred times a second stayed interpreted for seconds (manifest
     * PUT x1 on PostgreSQL: 0.97x of the peer, then 0.60-0.66x); C2 compiling after 1000 calls instead of 10000 brought
     * that back (0.93x) for a peak of 123-129 MB. C1 alone would save more but has no SHA-256 intrinsic, and pushes
     * hash every byte. Jetty's direct buffers are bounded apart from the heap, the code cache is capped
     * below its 240 MB reservation, and running out of memory ends the process so that its supervisor restarts it
     * instead of leaving it half-working.
     */
    public static final List<String> DEFAULTS = List.of(
            "-XX:+UseSerialGC",
            "-Xms8m",
            "-Xmx64m",
            "-XX:-TieredCompilation",
            "-XX:CompileThreshold=1000",
            "-XX:TrimNativeHeapInterval=1000",
            "-XX:MaxDirectMemorySize=32m",
            "-XX:ReservedCodeCacheSize=32m",
            "-XX:+ExitOnOutOfMemoryError");

    private JvmOptions() {
    }

    /** The defaults, then {@code extra} (blank-separated, may be null or blank). */
    public static List<String> with(String extra) {
        List<String> options = new ArrayList<>(DEFAULTS);
        if (extra != null && !extra.isBlank()) {
            options.addAll(Arrays.asList(extra.strip().split("\\s+")));
        }
        return options;
    }

    /** {@link #with} as one value of {@link #LAUNCHER_ENV}. */
    public static String joined(String extra) {
        return String.join(" ", with(extra));
    }

    /** {@code java OPTIONS -jar JAR}: the start of the command the local launcher and the bench run Drift with. */
    public static List<String> command(Path java, Path jar, String extra) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(with(extra));
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }
}
