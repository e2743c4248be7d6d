package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated parts of charts/drift and charts/drift-operator, as committed, are what the model makes of them. */
class ChartModelTest {

    /** Surefire runs in charts/, where the charts' directories are. */
    static final Path CHART = Path.of("drift");
    static final Path OPERATOR_CHART = Path.of("drift-operator");
    private static final String REGENERATE = "regenerate: ./mvnw -q -o -pl charts -am test -Dtest=ChartModelTest "
            + "-Dcharts.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false";

    @Test
    void committedModelFilesAreTheGeneratedOnes() throws IOException {
        if (Boolean.getBoolean("charts.regenerate")) {
            GeneratedFiles.write(CHART, ChartModel.files());
        }
        Map<String, String> files = ChartModel.files();
        assertCommitted(CHART, files);
        try (Stream<Path> tomls = Files.list(CHART.resolve(ChartModel.TOML_DIR))) {
            assertThat(tomls.map(file -> ChartModel.TOML_DIR + "/" + file.getFileName()))
                    .as("no stale generated file").containsExactlyInAnyOrderElementsOf(
                            files.keySet().stream().filter(path -> path.endsWith(".toml")).toList());
        }
    }

    @Test
    void theOperatorChartsCrdAndModelAreTheGeneratedOnes() throws IOException {
        if (Boolean.getBoolean("charts.regenerate")) {
            GeneratedFiles.write(OPERATOR_CHART, OperatorChartModel.files());
        }
        assertCommitted(OPERATOR_CHART, OperatorChartModel.files());
        try (Stream<Path> crds = Files.list(OPERATOR_CHART.resolve("crds"))) {
            assertThat(crds.map(file -> "crds/" + file.getFileName())).as("crds/ holds the operator's CRD alone")
                    .containsExactly(OperatorChartModel.CRD_FILE);
        }
    }

    @Test
    void bothChartsTestWithTheSameScript() {
        assertThat(read(CHART.resolve(GeneratedFiles.PUSH_PULL_SCRIPT)))
                .isEqualTo(read(OPERATOR_CHART.resolve(GeneratedFiles.PUSH_PULL_SCRIPT)))
                .contains("request PUT \"/v2/$repo/manifests/v1\"");
    }

    private static void assertCommitted(Path chart, Map<String, String> files) {
        files.forEach((path, text) -> assertThat(read(chart.resolve(path)))
                .as("charts/%s/%s is out of date; %s", chart, path, REGENERATE).isEqualTo(text));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }
}
