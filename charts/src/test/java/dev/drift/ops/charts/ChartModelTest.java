package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** charts/drift/files/ as committed is what ChartModel makes of the deployment model. */
class ChartModelTest {

    /** Surefire runs in charts/, where the chart's directory is. */
    static final Path CHART = Path.of("drift");

    @Test
    void committedModelFilesAreTheGeneratedOnes() throws IOException {
        if (Boolean.getBoolean("charts.regenerate")) {
            ChartModel.write(CHART);
        }
        String regenerate = "charts/drift/files/ is out of date; regenerate it: ./mvnw -q -o -pl charts -am test "
                + "-Dtest=ChartModelTest -Dcharts.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false";
        Map<String, String> files = ChartModel.files();
        files.forEach((path, text) -> assertThat(read(CHART.resolve(path))).as(regenerate + " (" + path + ")")
                .isEqualTo(text));
        try (Stream<Path> tomls = Files.list(CHART.resolve(ChartModel.TOML_DIR))) {
            assertThat(tomls.map(file -> ChartModel.TOML_DIR + "/" + file.getFileName()))
                    .as("no stale generated file").containsExactlyInAnyOrderElementsOf(
                            files.keySet().stream().filter(path -> path.endsWith(".toml")).toList());
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }
}
