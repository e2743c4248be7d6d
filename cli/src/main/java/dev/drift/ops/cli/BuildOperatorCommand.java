package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.provision.RegistryJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drift-ops build operator}: the DriftRegistry operator image from drift-operator.jar and compose/operator/Dockerfile. */
@Command(name = "operator",
        description = {
            "Build the drift-operator image from drift-operator.jar and compose/operator/Dockerfile: a non-root",
            "user (uid 10001), /healthz, /readyz and /metrics on port 8080, the settings from DRIFT_OPERATOR_*.",
            "The build context holds only the Dockerfile and the jar."
        })
final class BuildOperatorCommand extends JarImageBuild {

    /** The operator's jar when it is not where the repository's build leaves it. */
    static final String JAR_PROPERTY = "drift.operator.jar";
    static final String JAR_ENV = "DRIFT_OPS_OPERATOR_JAR";

    @Option(names = "--tag", paramLabel = "IMAGE", description = "Name of the image (default: drift-operator:<drift-ops version>).")
    String tag = Images.operator();

    @Override
    String tag() {
        return tag;
    }

    @Override
    String what() {
        return "the operator image";
    }

    @Override
    String dockerfile() {
        return "compose/operator/Dockerfile";
    }

    @Override
    Path jar() {
        return operatorJar();
    }

    @Override
    String jarName() {
        return "drift-operator.jar";
    }

    /**
     * {@code -Ddrift.operator.jar}, then {@code $DRIFT_OPS_OPERATOR_JAR}, then the repository's
     * {@code operator/target/drift-operator.jar} beside the registry's module (which the launcher names).
     */
    private static Path operatorJar() {
        Path jar = Optional.ofNullable(System.getProperty(JAR_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(JAR_ENV)))
                .map(Path::of)
                .orElseGet(() -> RegistryJar.locate().getParent().getParent().resolveSibling("operator")
                        .resolve("target").resolve("drift-operator.jar"));
        if (!Files.isRegularFile(jar)) {
            throw CliException.provisioning("drift-operator.jar not found at " + jar + "; build it with "
                    + "./mvnw -pl operator -am package -DskipTests, or set " + JAR_ENV);
        }
        return jar.toAbsolutePath();
    }
}
