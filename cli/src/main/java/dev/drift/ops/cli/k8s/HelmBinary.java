package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The helm that {@code up --via helm} runs: {@code helm} on the PATH, else the one scripts/local-cluster.sh built
 * (under {@value #LOCAL_CLUSTER_TOOLS}; the last by name if several versions are there).
 */
final class HelmBinary {

    static final String LOCAL_CLUSTER_TOOLS = "/var/cache/drift-ops/go-tools";

    private HelmBinary() {
    }

    static String find() {
        return onPath().or(HelmBinary::builtForTheLocalCluster).map(Path::toString).orElseThrow(() ->
                CliException.provisioning("--via helm needs helm 3: none on the PATH or under " + LOCAL_CLUSTER_TOOLS
                        + "; install it, or run scripts/local-cluster.sh build, or use --via operator"));
    }

    private static Optional<Path> onPath() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "helm")).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> builtForTheLocalCluster() {
        Path tools = Path.of(LOCAL_CLUSTER_TOOLS);
        if (!Files.isDirectory(tools)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(tools)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("helm-"))
                    .map(dir -> dir.resolve("bin/helm")).filter(Files::isExecutable)
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
