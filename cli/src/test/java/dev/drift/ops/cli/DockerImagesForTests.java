package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.testkit.SeaweedFs;
import java.time.Duration;
import java.util.Optional;

/**
 * The images the Docker and Kubernetes ITs build on and run: the Debian base ($DRIFT_BASE_IMAGE) test
 * images are built on; the Drift and operator images, built once per JVM from this build's jars
 * under tags of their own (removed when the JVM ends), on $DRIFT_JRE_IMAGE; and
 * $DRIFT_POSTGRES_IMAGE (or postgres:17). A missing base image skips on a developer machine and
 * fails in CI, like any missing tool.
 */
final class DockerImagesForTests {

    /** The Debian base the test images are built on: $DRIFT_BASE_IMAGE, else the local substitute. */
    static final String BASE_IMAGE = System.getenv().getOrDefault(Images.BASE_ENV, "drift-local/debian:bookworm");

    private static final String DRIFT_TAG = "drift-ops-it/drift:" + ProcessHandle.current().pid();
    private static final String OPERATOR_TAG = "drift-ops-it/drift-operator:" + ProcessHandle.current().pid();
    private static boolean built;
    private static boolean operatorBuilt;
    private static final String SEAWEEDFS_TAG = "drift-ops-it/seaweedfs:" + ProcessHandle.current().pid();
    private static boolean seaweedFsBuilt;

    private DockerImagesForTests() {
    }

    /** Connects to the engine once the base image is known to be there. */
    static DockerEngine engineWithBaseImage() {
        RealTools.requireDockerEngine();
        DockerEngine engine = DockerEngine.connect();
        if (engine.imageId(BASE_IMAGE).isEmpty()) {
            engine.close();
            RealTools.unavailable("base image " + BASE_IMAGE + " is missing; scripts/build-base-images.sh builds it");
        }
        return engine;
    }

    static synchronized String drift() {
        if (!built) {
            build("drift", DRIFT_TAG);
            built = true;
        }
        return DRIFT_TAG;
    }

    /** The operator's image, built once per JVM like {@link #drift()}. */
    static synchronized String operator() {
        if (!operatorBuilt) {
            build("operator", OPERATOR_TAG);
            operatorBuilt = true;
        }
        return OPERATOR_TAG;
    }

    /** The S3 server image of --storage s3, from this build's compose/seaweedfs and the tests' weed, once per JVM. */
    static synchronized String seaweedFs() {
        if (!seaweedFsBuilt) {
            RealTools.requireDockerEngine();
            requireImage(BASE_IMAGE, "set " + Images.BASE_ENV + " (scripts/build-base-images.sh makes drift-local/debian:bookworm)");
            CliRun build = CliRun.of("build", "seaweedfs", "--tag", SEAWEEDFS_TAG, "--base-image", BASE_IMAGE,
                    "--weed", SeaweedFs.binary().toString());
            assertThat(build.exitCode()).as(build.toString()).isZero();
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
                    Commands.tryRun(Duration.ofMinutes(1), "docker", "rmi", "--force", SEAWEEDFS_TAG)));
            seaweedFsBuilt = true;
        }
        return SEAWEEDFS_TAG;
    }

    /** drift-ops build WHAT on $DRIFT_JRE_IMAGE, tagged {@code tag} and removed when the JVM ends. */
    private static void build(String what, String tag) {
        RealTools.requireDockerEngine();
        String jre = env(Images.JRE_ENV).orElse(Images.JRE_DEFAULT);
        requireImage(jre, "set " + Images.JRE_ENV + " (scripts/build-base-images.sh makes drift-local/jre:latest)");
        CliRun build = CliRun.of("build", what, "--tag", tag, "--jre-image", jre);
        assertThat(build.exitCode()).as(build.toString()).isZero();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                Commands.tryRun(Duration.ofMinutes(1), "docker", "rmi", "--force", tag)));
    }

    static String postgres() {
        RealTools.requireDockerEngine();
        String image = env(Images.POSTGRES_ENV).orElse(Images.POSTGRES_DEFAULT);
        requireImage(image, "set " + Images.POSTGRES_ENV + " (scripts/build-base-images.sh makes drift-local/postgres:latest)");
        return image;
    }

    private static void requireImage(String image, String hint) {
        try (DockerEngine engine = DockerEngine.connect()) {
            if (engine.imageId(image).isEmpty()) {
                RealTools.unavailable("image " + image + " is not on the Docker engine; " + hint);
            }
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
