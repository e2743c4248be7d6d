package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.BuildContext;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.cli.docker.ImageBuilder;
import dev.drift.ops.cli.docker.Images;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code build drift} and {@code build operator} share: a jar on a JRE image, built from a
 * context of just the Dockerfile and the jar, with the same options. Each subcommand names its
 * image, Dockerfile and jar.
 */
abstract class JarImageBuild extends DriftCommand {

    @Option(names = "--jre-image", paramLabel = "IMAGE",
            defaultValue = "${env:" + Images.JRE_ENV + ":-" + Images.JRE_DEFAULT + "}",
            description = "JRE 21+ image to build on (default: $" + Images.JRE_ENV + " or ${DEFAULT-VALUE}).")
    String jreImage;

    @Option(names = "--network", defaultValue = "host", paramLabel = "MODE",
            description = "Network of the build's steps (default: ${DEFAULT-VALUE}).")
    String network;

    /** The image's name, from --tag. */
    abstract String tag();

    /** For messages: "the Drift image". */
    abstract String what();

    /** The Dockerfile, a resource of this jar: {@code compose/drift/Dockerfile}. */
    abstract String dockerfile();

    /** The jar the image runs, and its name in the build context. */
    abstract Path jar();

    abstract String jarName();

    /** Build arguments beyond the JRE image's. */
    Map<String, String> buildArgs() {
        return Map.of();
    }

    @Override
    public Integer call() throws IOException {
        Console console = console();
        try (DockerEngine engine = DockerEngine.connect(); BuildContext context = BuildContext.create()) {
            engine.requireImage(jreImage, "pull it, pass --jre-image, or build a local substitute with "
                    + "scripts/build-base-images.sh and set " + Images.JRE_ENV + "=drift-local/jre:latest");
            context.addResource(dockerfile(), "Dockerfile").addFile(jar(), jarName());
            Map<String, String> buildArgs = new HashMap<>(buildArgs());
            buildArgs.put("JRE_IMAGE", jreImage);
            new ImageBuilder(engine, console).build(what(), context, tag(), buildArgs, network);
        }
        out().println(tag());
        out().flush();
        return ExitCodes.OK;
    }
}
