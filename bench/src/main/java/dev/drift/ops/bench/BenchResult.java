package dev.drift.ops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.StoreResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run found, in the shape the JSON file has: machine, settings, the store
 * operations per backend, and every HTTP figure of Drift beside the peer registry's (named by peerVersion), per
 * backend and storage ({@code sqlite}, {@code sqlite+s3}, see {@link Storage#label}).
 */
public record BenchResult(MachineInfo machine, String loadAverageAfter, Settings settings, String peerVersion,
                          List<StoreComparison> store, List<Comparison> http) {

    /** The settings as plain numbers, and the JVM options Drift ran with (the model's, then DRIFT_JAVA_OPTS). */
    public record Settings(List<String> backends, List<String> storages, String auth, long durationSeconds,
                           long warmUpSeconds, List<Long> blobSizesBytes, List<Integer> concurrencies,
                           List<String> driftJvmOptions) {

        static Settings of(BenchSettings settings) {
            return new Settings(settings.backends().stream().map(Backend::id).toList(),
                    settings.storages().stream().map(Storage::id).toList(), settings.basicAuth() ? "basic" : "none",
                    settings.duration().toSeconds(),
                    settings.warmUp().toSeconds(), settings.blobSizes(), settings.concurrencies(),
                    Servers.driftJvmOptions());
        }
    }

    public static BenchResult assemble(MachineInfo machine, BenchSettings settings, String peerVersion,
                                       List<StoreResult> store, List<Figure> peer,
                                       Map<String, List<Figure>> drift, List<Figure> limit) {
        List<Comparison> http = new ArrayList<>();
        drift.forEach((label, figures) -> figures.forEach(figure -> http.add(
                Comparison.of(label, figure, peerFigure(peer, figure.name()),
                        limit.stream().filter(reference -> reference.name().equals(figure.name())).findFirst()))));
        return new BenchResult(machine, MachineInfo.currentLoadAverage(), Settings.of(settings), peerVersion,
                compareStores(store), http);
    }

    private static Figure peerFigure(List<Figure> peer, String name) {
        return peer.stream().filter(figure -> figure.name().equals(name)).findFirst()
                .orElseThrow(() -> new BenchException("the peer has no figure for " + name));
    }

    static List<StoreComparison> compareStores(List<StoreResult> store) {
        List<StoreComparison> comparisons = new ArrayList<>();
        for (String operation : store.stream().map(StoreResult::operation).distinct().toList()) {
            Map<String, Double> rates = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            String kind = null;
            for (StoreResult result : store) {
                if (result.operation().equals(operation)) {
                    kind = result.kind();
                    rates.put(result.backend(), result.measurement().operationsPerSecond());
                    counts.put(result.backend(), result.measurement().operations());
                    seconds.put(result.backend(), result.measurement().seconds());
                }
            }
            Double ratio = rates.containsKey("postgres") && rates.containsKey("sqlite")
                    ? Comparison.ratio(rates.get("postgres"), rates.get("sqlite"), true) : null;
            comparisons.add(new StoreComparison(kind, operation, rates, counts, seconds, ratio));
        }
        return comparisons;
    }

    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
