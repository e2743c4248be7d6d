package dev.drift.ops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.testkit.RealTools;

/**
 * The whole bundled suite against Drift in a container, per metadata backend, deployed as
 * compose/docker-compose.yml deploys it (see {@link DriftOnContainers}). The Drift image is built
 * once from compose/drift/Dockerfile and the packaged jar, on the JRE image named by
 * {@code DRIFT_JRE_IMAGE} (default eclipse-temurin:21-jre); PostgreSQL runs from
 * {@code DRIFT_POSTGRES_IMAGE} (default postgres:17). Nothing is pulled: on a machine without a
 * registry, scripts/build-base-images.sh builds local substitutes (drift-local/jre, drift-local/postgres).
 * ZQLite runs when the engine has a drift-zqlite:latest image and is skipped, with that reason, otherwise.
 */
@ParameterizedClass(name = "backend {0}")
@ValueSource(strings = {"sqlite", "postgres", "zqlite"})
class SuiteOnContainersIT {

    static final String COMPOSE_DIR_PROPERTY = "drift.compose.dir";
    static final String ZQLITE_IMAGE = "drift-zqlite:latest";
    static final String NO_ZQLITE = "no drift-zqlite image that passes the ZQLite contract on this engine";

    /** With a login, every test of the suite applies to Drift: none may skip. Fewer passes means tests were not found. */
    private static final int TESTS_AT_LEAST = 39;

    private static String driftImage;
    private static String postgresImage;

    @Parameter
    String backend;

    @BeforeAll
    static void buildDriftImage() throws Exception {
        RealTools.requireDockerEngine();
        String jreImage = environment("DRIFT_JRE_IMAGE", "eclipse-temurin:21-jre");
        postgresImage = environment("DRIFT_POSTGRES_IMAGE", "postgres:17");
        for (String image : new String[] {jreImage, postgresImage}) {
            if (!DriftOnContainers.imageExists(image)) {
                RealTools.unavailable("image " + image + " is not on this Docker engine and tests pull nothing: "
                        + "build local substitutes with scripts/build-base-images.sh and set "
                        + "DRIFT_JRE_IMAGE=drift-local/jre:latest DRIFT_POSTGRES_IMAGE=drift-local/postgres:latest");
            }
        }
        Path jar = Path.of(Objects.requireNonNull(System.getProperty(DriftServerProcess.JAR_PROPERTY),
                DriftServerProcess.JAR_PROPERTY + " (set by failsafe)"));
        driftImage = new ImageFromDockerfile("drift-e2e-" + UUID.randomUUID().toString().substring(0, 8) + ":test", false)
                .withFileFromPath("Dockerfile", composeDir().resolve("drift/Dockerfile"))
                .withFileFromPath("drift-registry.jar", jar)
                .withBuildArg("JRE_IMAGE", jreImage)
                .withBuildArg(JvmOptions.IMAGE_BUILD_ARG, JvmOptions.joined(null))
                .withBuildImageCmdModifier(cmd -> cmd.withPull(false))
                .get();
    }

    @AfterAll
    static void removeDriftImage() {
        if (driftImage != null) {
            DockerClientFactory.instance().client().removeImageCmd(driftImage).withForce(true).exec();
        }
    }

    @Test
    void wholeSuitePassesAgainstDriftInAContainer() {
        if (backend.equals("zqlite") && !DriftOnContainers.imageExists(ZQLITE_IMAGE)) {
            Assumptions.abort(NO_ZQLITE);
        }
        long started = System.nanoTime();
        String backendImage = switch (backend) {
            case "postgres" -> postgresImage;
            case "zqlite" -> ZQLITE_IMAGE;
            default -> null;
        };
        try (DriftOnContainers drift = DriftOnContainers.start(driftImage, backend, backendImage, composeDir())) {
            long ready = System.nanoTime();
            assertThat(drift.publishedAddresses()).as("Drift's port is published on loopback only")
                    .isNotEmpty().containsOnly("127.0.0.1");

            E2eSummary summary = E2eRunner.run(drift.target(), List.of(),
                    Path.of("target", "e2e-containers", backend));

            System.out.printf("SuiteOnContainersIT[%s]: containers ready in %.1fs, suite ran in %.1fs: %s%n", backend,
                    (ready - started) / 1e9, (System.nanoTime() - ready) / 1e9, summary.countsLine());
            String details = summary.table() + "\n--- Drift's log ---\n" + tail(drift.driftLog());
            assertThat(summary.failed()).as(details).isZero();
            assertThat(summary.skipped()).as(details).isZero();
            assertThat(summary.passed()).as(details).isGreaterThanOrEqualTo(TESTS_AT_LEAST);
            assertThat(drift.driftLog()).as("Drift's log").doesNotContain(drift.target().password());
        }
    }

    private static Path composeDir() {
        Path dir = Path.of(Objects.requireNonNull(System.getProperty(COMPOSE_DIR_PROPERTY),
                COMPOSE_DIR_PROPERTY + " (set by failsafe)"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(COMPOSE_DIR_PROPERTY + " names no directory: " + dir);
        }
        return dir;
    }

    private static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
