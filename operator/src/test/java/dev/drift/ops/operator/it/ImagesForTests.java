package dev.drift.ops.operator.it;

import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.LocalCluster;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.testkit.SeaweedFs;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final String SEAWEEDFS_TAG = "drift-operator-it/seaweedfs:" + ProcessHandle.current().pid();
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static boolean driftBuilt;
    private static boolean seaweedFsBuilt;

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

    /**
     * The drift-seaweedfs image, on the node: compose/seaweedfs/Dockerfile on $DRIFT_BASE_IMAGE
     * (drift-local/debian:bookworm by default), with its start script and the weed binary of {@link SeaweedFs#binary},
     * the context drift-ops build seaweedfs sends; under a tag of its own, removed when the JVM ends.
     */
    static synchronized String seaweedFs(KubernetesClient client) throws IOException {
        if (!seaweedFsBuilt) {
            RealTools.requireDockerEngine();
            String base = env("DRIFT_BASE_IMAGE").orElse("drift-local/debian:bookworm");
            requireOnEngine(base, "set DRIFT_BASE_IMAGE (scripts/build-base-images.sh makes drift-local/debian:bookworm)");
            Path weed = SeaweedFs.binary();
            Path dir = repository().resolve("compose/seaweedfs");
            build(SEAWEEDFS_TAG, Map.of("Dockerfile", dir.resolve("Dockerfile"),
                    "seaweedfs-start", dir.resolve("seaweedfs-start"), "weed", weed), List.of("BASE_IMAGE=" + base));
            seaweedFsBuilt = true;
        }
        onNode(client, SEAWEEDFS_TAG);
        return SEAWEEDFS_TAG;
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
        build(DRIFT_TAG, Map.of("Dockerfile", repository().resolve("compose/drift/Dockerfile"),
                "drift-registry.jar", jar), List.of("JRE_IMAGE=" + jre,
                JvmOptions.IMAGE_BUILD_ARG + "=" + JvmOptions.joined(null)));
    }

    /** Builds {@code tag} from a context of exactly {@code files} (by name in the context), removed when the JVM ends. */
    private static void build(String tag, Map<String, Path> files, List<String> buildArgs) throws IOException {
        Path context = Files.createTempDirectory("drift-image-");
        try {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                // Copied with their modes: the weed binary and the start script stay executable.
                Files.copy(file.getValue(), context.resolve(file.getKey()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            List<String> command = new ArrayList<>(List.of("docker", "build", "--network", "host"));
            buildArgs.forEach(arg -> command.addAll(List.of("--build-arg", arg)));
            command.addAll(List.of("--tag", tag, context.toString()));
            Commands.Result build = Commands.tryRun(BUILD_TIMEOUT, command.toArray(String[]::new));
            if (!build.succeeded()) {
                throw new AssertionError(build.describe());
            }
        } finally {
            try (var entries = Files.list(context)) {
                for (Path file : entries.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(context);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                Commands.tryRun(Duration.ofMinutes(1), "docker", "rmi", "--force", tag)));
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
