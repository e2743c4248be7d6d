package dev.drift.ops.charts;

import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Drift and operator images the chart ITs install: built once per JVM from this build's jars by
 * {@code drift-ops build drift|operator} (on $DRIFT_JRE_IMAGE) under tags of this run, so no image an earlier build
 * left can stand in for them, and removed from the engine when the JVM ends.
 */
final class ChartImages {

    private static final long PID = ProcessHandle.current().pid();
    private static final Path ROOT = Helm.repositoryRoot();
    private static String drift;
    private static String operator;

    private ChartImages() {
    }

    static synchronized String drift() {
        if (drift == null) {
            drift = build("drift", "drift-charts-it/drift:" + PID);
        }
        return drift;
    }

    static synchronized String operator() {
        if (operator == null) {
            operator = build("operator", "drift-charts-it/operator:" + PID);
        }
        return operator;
    }

    private static String build(String what, String tag) {
        RealTools.requireDockerEngine();
        Path cli = ROOT.resolve("cli/target/drift-ops.jar");
        Path registry = ROOT.resolve("registry/target/drift-registry.jar");
        if (!Files.isRegularFile(cli) || !Files.isRegularFile(registry)) {
            RealTools.unavailable(cli + " or " + registry + " is missing; build them: ./mvnw -pl cli -am package -DskipTests");
        }
        String jre = Optional.ofNullable(System.getenv("DRIFT_JRE_IMAGE")).filter(value -> !value.isBlank())
                .orElse("drift-local/jre:latest");
        Commands.Result built = Commands.tryRun(Duration.ofMinutes(10),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddrift.registry.jar=" + registry, "-jar", cli.toString(), "build", what, "--quiet", "--tag", tag,
                "--jre-image", jre);
        if (!built.succeeded()) {
            throw new AssertionError("drift-ops build " + what + " failed: " + built.describe());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                Commands.tryRun(Duration.ofMinutes(1), "docker", "rmi", "--force", tag)));
        return tag;
    }
}
