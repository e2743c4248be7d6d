package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.provision.RegistryJar;
import dev.drift.ops.deploy.JvmOptions;
import java.nio.file.Path;
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
final class BuildDriftCommand extends JarImageBuild {

    @Option(names = "--tag", paramLabel = "IMAGE", description = "Name of the image (default: drift:<drift-ops version>).")
    String tag = Images.drift();

    @Override
    String tag() {
        return tag;
    }

    @Override
    String what() {
        return "the Drift image";
    }

    @Override
    String dockerfile() {
        return "compose/drift/Dockerfile";
    }

    @Override
    Path jar() {
        return RegistryJar.locate();
    }

    @Override
    String jarName() {
        return "drift-registry.jar";
    }

    /** The image carries the deployment model's JVM options (compose/drift/Dockerfile requires them). */
    @Override
    Map<String, String> buildArgs() {
        return Map.of(JvmOptions.IMAGE_BUILD_ARG, JvmOptions.joined(null));
    }
}
