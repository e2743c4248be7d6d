package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.Deployment;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drift-ops logs}: the end of a component's log, optionally followed. */
@Command(name = "logs",
        description = "Print the end of the registry's log (or another component's): from the data directory "
                + "(local), the container (docker) or the pod (k8s); -f keeps printing new lines until Ctrl-C. "
                + "Local logs stay with the data after down; a container's or pod's go with it.")
final class LogsCommand extends DriftCommand {

    @Mixin
    DataDirOption dataDir;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, defaultValue = "50", paramLabel = "N",
            description = "How many of the last lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--component", defaultValue = "registry", paramLabel = "NAME",
            description = "registry, postgres or (docker, k8s) zqlite (default: ${DEFAULT-VALUE}).")
    String component;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Deployment deployment = instance.find(dataDir).orElseGet(() -> Deployment.nothingRecorded(dataDir.dataDir()));
        instance.provisioner(deployment).logs(deployment, component, lines, follow, line -> {
            out().println(line);
            out().flush();
        });
        return ExitCodes.OK;
    }
}
