package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * charts/drift as this drift-ops was built with it (the CLI's jar carries the chart's files under {@value #ROOT}), so
 * {@code up --via helm} installs the chart of its own version and needs no checkout.
 */
final class BundledChart {

    static final String ROOT = "charts/drift";

    private BundledChart() {
    }

    /** Copies the chart into {@code directory} (which must be empty) and returns the chart's directory. */
    static Path extractTo(Path directory) {
        URL chartYaml = BundledChart.class.getClassLoader().getResource(ROOT + "/Chart.yaml");
        if (chartYaml == null) {
            throw CliException.provisioning(ROOT + " is missing from drift-ops' jar; rebuild it with ./mvnw -pl cli -am "
                    + "package -DskipTests");
        }
        Path chart = directory.resolve("drift");
        try {
            URI uri = chartYaml.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copy(jar.getPath(ROOT), chart);
                }
            } else {
                copy(Path.of(uri).getParent(), chart);
            }
            return chart;
        } catch (IOException | URISyntaxException e) {
            throw CliException.io("cannot unpack the bundled chart into " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }
}
