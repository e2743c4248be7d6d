package dev.drift.ops.registry.gc;

import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.registry.OciFixtures;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;

/**
 * {@code [registry] gc_interval} runs the collector inside the server, counted in /metrics; with {@code min_age_days = 0}
 * a blob just pushed and not yet referenced (as in a push whose manifest is still to come) survives the runs.
 */
class OnlineCollectorIT {

    private static final int ATTEMPTS = 100;

    @TempDir
    Path dataDir;

    @Test
    void theServerCollectsOnItsIntervalAndLeavesAPushInProgressAlone() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dataDir, """
                [registry]
                gc_interval = "1s"
                min_age_days = 0
                """)) {
            Digest layer = OciFixtures.pushBlob(registry, "app", "a layer whose manifest is on its way"
                    .getBytes(StandardCharsets.UTF_8));
            String metrics = "";
            for (int attempt = 0; attempt < ATTEMPTS && !metrics.contains("drift_gc_runs_total{outcome=\"done\"} 2.0");
                 attempt++) {
                Thread.sleep(100);
                metrics = text(registry.get("/metrics"));
            }
            assertThat(metrics).as("two runs within %d s", ATTEMPTS / 10)
                    .contains("drift_gc_runs_total{outcome=\"done\"} 2.0");
            assertThat(registry.head("/v2/app/blobs/" + layer).statusCode()).as("younger than the push grace")
                    .isEqualTo(200);
        }
    }
}
