package dev.drift.ops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.StoreResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The metadata store bench, run as a child JVM from the Drift server's jar ({@link #MAIN_CLASS}, next to the stores
 * it measures), so that drift-ops carries none of the registry's classes or database drivers. Each backend's store
 * is named by a drift.toml of its own; the child's progress (stderr) is relayed line by line and its figures
 * (stdout, one JSON {@link StoreResult} a line) are read back.
 */
final class StoreBenchProcess {

    static final String MAIN_CLASS = "dev.drift.ops.registry.bench.StoreBenchMain";

    private StoreBenchProcess() {
    }

    /** Runs the store bench on every backend of {@code configs} (backend name -> drift.toml) and answers its figures. */
    static List<StoreResult> run(BenchSettings settings, Map<Backend, Path> configs, Consumer<String> progress) {
        List<String> command = new ArrayList<>(List.of(Servers.java(), "-cp", settings.registryJar().toString(),
                MAIN_CLASS, "--warm-up", Long.toString(settings.warmUp().toSeconds()),
                "--duration", Long.toString(settings.duration().toSeconds()),
                "--callers", settings.concurrencies().stream().map(String::valueOf).collect(Collectors.joining(","))));
        configs.forEach((backend, config) -> command.add(backend.id() + "=" + config));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new BenchException("cannot start the store bench (" + MAIN_CLASS + "): " + e.getMessage(), e);
        }
        List<String> errors = new ArrayList<>();
        Thread relay = Thread.ofVirtual().start(() -> forEachLine(process, true, line -> {
            progress.accept(line);
            synchronized (errors) {
                errors.add(line);
            }
        }));
        ObjectMapper json = new ObjectMapper();
        List<StoreResult> results = new ArrayList<>();
        forEachLine(process, false, line -> results.add(read(json, line)));
        try {
            relay.join();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new BenchException("the store bench failed (exit " + exit + "): "
                        + (errors.isEmpty() ? "no message" : errors.getLast()));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
        return results;
    }

    private static StoreResult read(ObjectMapper json, String line) {
        try {
            return json.readValue(line, StoreResult.class);
        } catch (IOException e) {
            throw new BenchException("the store bench printed something other than a figure: " + line, e);
        }
    }

    private static void forEachLine(Process process, boolean stderr, Consumer<String> action) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                stderr ? process.getErrorStream() : process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                action.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lost the store bench's output", e);
        }
    }
}
