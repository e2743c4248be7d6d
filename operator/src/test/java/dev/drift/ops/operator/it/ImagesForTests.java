package dev.drift.ops.operator.it;

import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.LocalCluster;
import dev.drift.ops.testkit.RealTools;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The images the operator's ITs run, on the cluster's node (nothing can be pulled here): Drift,
 * built once per JVM from this build's drift-registry.jar and compose/drift/Dockerfile on
 * $DRIFT_JRE_IMAGE under a tag of its own (removed when the JVM ends), and $DRIFT_POSTGRES_IMAGE
 * (drift-local/postgres:latest by default, which scripts/build-base-images.sh makes). Each is
 * copied into the node with scripts/local-cluster.sh load-image when the node lacks it.
 */
final class ImagesForTests {

    private static final String DRIFT_TAG = "drift-operator-it/drift:" + ProcessHandle.current().pid();
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static boolean driftBuilt;

    private ImagesForTests() {
    }

    /** The Drift image, on the node. */
    static synchronized String drift(KubernetesClient client) throws IOException {
        if (!driftBuilt) {
            buildDrift();
            driftBuilt = true;
        }
        onNode(client, DRIFT_TAG);
        return DRIFT_TAG;
    }

    /** The PostgreSQL image, on the node. */
    static String postgres(KubernetesClient client) {
        String image = env("DRIFT_POSTGRES_IMAGE").orElse("drift-local/postgres:latest");
        requireOnEngine(image, "set DRIFT_POSTGRES_IMAGE (scripts/build-base-images.sh makes drift-local/postgres:latest)");
        onNode(client, image);
        return image;
    }

    private static void buildDrift() throws IOException {
        RealTools.requireDockerEngine();
        String jre = env("DRIFT_JRE_IMAGE").orElse("eclipse-temurin:21-jre");
        requireOnEngine(jre, "set DRIFT_JRE_IMAGE (scripts/build-base-images.sh makes drift-local/jre:latest)");
        Path jar = Path.of(System.getProperty("drift.registry.jar", "../registry/target/drift-registry.jar"));
        if (!Files.isRegularFile(jar)) {
            RealTools.unavailable(jar + " is missing; build it with ./mvnw -pl registry -am package -DskipTests");
        }
        // The build context holds only the Dockerfile and the jar, as drift-ops build drift sends it.
        Path context = Files.createTempDirectory("drift-image-");
        try {
            Files.copy(repository().resolve("compose/drift/Dockerfile"), context.resolve("Dockerfile"));
            Files.copy(jar, context.resolve("drift-registry.jar"));
            Commands.Result build = Commands.tryRun(BUILD_TIMEOUT, "docker", "build", "--network", "host",
                    "--build-arg", "JRE_IMAGE=" + jre,
                    "--build-arg", JvmOptions.IMAGE_BUILD_ARG + "=" + JvmOptions.joined(null),
                    "--tag", DRIFT_TAG, context.toString());
            if (!build.succeeded()) {
                throw new AssertionError(build.describe());
            }
        } finally {
            try (var files = Files.list(context)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(context);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                Commands.tryRun(Duration.ofMinutes(1), "docker", "rmi", "--force", DRIFT_TAG)));
    }

    private static void onNode(KubernetesClient client, String image) {
        String qualified = image.contains("/") ? "docker.io/" + image : "docker.io/library/" + image;
        Set<String> present = client.nodes().list().getItems().stream().map(Node::getStatus)
                .flatMap(status -> Optional.ofNullable(status.getImages()).orElse(List.of()).stream())
                .flatMap(entry -> Optional.ofNullable(entry.getNames()).orElse(List.of()).stream())
                .collect(Collectors.toSet());
        if (!present.contains(qualified)) {
            LocalCluster.loadImages(image);
        }
    }

    private static void requireOnEngine(String image, String hint) {
        RealTools.requireDockerEngine();
        if (!Commands.tryRun(Duration.ofSeconds(30), "docker", "image", "inspect", image).succeeded()) {
            RealTools.unavailable("image " + image + " is not on the Docker engine; " + hint);
        }
    }

    /** The checkout this module lives in. */
    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("compose/drift/Dockerfile"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("compose/drift/Dockerfile not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank() && !value.startsWith("${"));
    }
}
