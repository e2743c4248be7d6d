package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.BuildContext;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.cli.docker.ImageBuilder;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.provision.RegistryJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
final class BuildOperatorCommand extends DriftCommand {

    /** The operator's jar when it is not where the repository's build leaves it. */
    static final String JAR_PROPERTY = "drift.operator.jar";
    static final String JAR_ENV = "DRIFT_OPS_OPERATOR_JAR";

    @Option(names = "--tag", paramLabel = "IMAGE", description = "Name of the image (default: drift-operator:<drift-ops version>).")
    String tag = Images.operator();

    @Option(names = "--jre-image", paramLabel = "IMAGE",
            defaultValue = "${env:" + Images.JRE_ENV + ":-" + Images.JRE_DEFAULT + "}",
            description = "JRE 21+ image to build on (default: $" + Images.JRE_ENV + " or ${DEFAULT-VALUE}).")
    String jreImage;

    @Option(names = "--network", defaultValue = "host", paramLabel = "MODE",
            description = "Network of the build's steps (default: ${DEFAULT-VALUE}).")
    String network;

    @Override
    public Integer call() throws IOException {
        Console console = console();
        try (DockerEngine engine = DockerEngine.connect(); BuildContext context = BuildContext.create()) {
            engine.requireImage(jreImage, "pull it, pass --jre-image, or build a local substitute with "
                    + "scripts/build-base-images.sh and set " + Images.JRE_ENV + "=drift-local/jre:latest");
            context.addResource("compose/operator/Dockerfile", "Dockerfile")
                    .addFile(operatorJar(), "drift-operator.jar");
            new ImageBuilder(engine, console).build("the operator image", context, tag,
                    Map.of("JRE_IMAGE", jreImage), network);
        }
        out().println(tag);
        out().flush();
        return ExitCodes.OK;
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
