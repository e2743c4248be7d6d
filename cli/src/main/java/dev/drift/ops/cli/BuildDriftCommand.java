package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.BuildContext;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.cli.docker.ImageBuilder;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.provision.RegistryJar;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drift-ops build drift}: the Drift server image from drift-registry.jar and compose/drift/Dockerfile. */
@Command(name = "drift",
        description = {
            "Build the Drift server image from drift-registry.jar and compose/drift/Dockerfile: a non-root",
            "user, a healthcheck on /health, drift.toml expected at /etc/drift/drift.toml, data in /var/lib/drift.",
            "The build context holds only the Dockerfile and the jar."
        })
final class BuildDriftCommand extends DriftCommand {

    @Option(names = "--tag", paramLabel = "IMAGE", description = "Name of the image (default: drift:<drift-ops version>).")
    String tag = Images.drift();

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
            context.addResource("compose/drift/Dockerfile", "Dockerfile")
                    .addFile(RegistryJar.locate(), "drift-registry.jar");
            new ImageBuilder(engine, console).build("the Drift image", context, tag,
                    Map.of("JRE_IMAGE", jreImage), network);
        }
        out().println(tag);
        out().flush();
        return ExitCodes.OK;
    }
}
