package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.BuildContext;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.cli.docker.ImageBuilder;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.docker.SeaweedFsBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drift-ops build seaweedfs}: the S3 server image of {@code up --target docker --storage s3}. */
@Command(name = "seaweedfs",
        description = {
            "Build the S3 server image that up --target docker --storage s3 runs for the blobs: SeaweedFS's weed",
            "(weed server -s3, one process) on Debian, from compose/seaweedfs/Dockerfile, as drift-seaweedfs:latest.",
            "weed is built from the Go module proxy at the version scripts/versions.env pins, by scripts/go-tools.sh,",
            "and cached by version (about 11 minutes the first time on 2 cores, nothing after)."
        })
final class BuildSeaweedfsCommand extends DriftCommand {

    @Option(names = "--weed", paramLabel = "FILE",
            description = "The weed binary to put in the image (default: $" + SeaweedFsBinary.ENV
                    + ", else what scripts/go-tools.sh path seaweedfs builds or finds cached).")
    Path weed;

    @Option(names = "--base-image", paramLabel = "IMAGE",
            defaultValue = "${env:" + Images.BASE_ENV + ":-" + Images.BASE_DEFAULT + "}",
            description = "Debian image to run on (default: $" + Images.BASE_ENV + " or ${DEFAULT-VALUE}).")
    String baseImage;

    @Option(names = "--tag", paramLabel = "IMAGE", description = "Name of the image (default: ${DEFAULT-VALUE}).")
    String tag = Images.seaweedfs();

    @Option(names = "--network", defaultValue = "host", paramLabel = "MODE",
            description = "Network of the build's steps (default: ${DEFAULT-VALUE}).")
    String network;

    @Override
    public Integer call() throws IOException {
        Console console = console();
        Path binary = weed != null ? weed : SeaweedFsBinary.locate(console);
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw CliException.usage("--weed " + binary + " is not an executable file");
        }
        try (DockerEngine engine = DockerEngine.connect(); BuildContext context = BuildContext.create()) {
            engine.requireImage(baseImage, "pull it, pass --base-image, or build a local substitute with "
                    + "scripts/build-base-images.sh and set " + Images.BASE_ENV + "=drift-local/debian:bookworm");
            context.addResource("compose/seaweedfs/Dockerfile", "Dockerfile")
                    .addResource("compose/seaweedfs/seaweedfs-start", "seaweedfs-start")
                    .addFile(binary, "weed");
            new ImageBuilder(engine, console).build("the SeaweedFS image", context, tag,
                    Map.of("BASE_IMAGE", baseImage, "SEAWEEDFS_VERSION", SeaweedFsBinary.pinnedVersion()), network);
        }
        out().println(tag);
        out().flush();
        return ExitCodes.OK;
    }
}
