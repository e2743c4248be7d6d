package dev.drift.ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code drift-ops build}: the images the docker target runs; each image is a subcommand. */
@Command(name = "build",
        description = {
            "Build an image on the Docker engine (DOCKER_HOST or the local socket).",
            "",
            "Base images are never pulled by drift-ops; the engine must have them or reach a registry",
            "that does. Without one, scripts/build-base-images.sh builds local substitutes."
        },
        subcommands = {BuildDriftCommand.class, BuildZqliteCommand.class, BuildOperatorCommand.class,
                BuildSeaweedfsCommand.class})
final class BuildCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say which image to build: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
