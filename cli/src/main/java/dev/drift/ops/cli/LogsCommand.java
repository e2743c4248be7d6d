package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.ContainerLogs;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.cli.docker.DockerProvisioner;
import dev.drift.ops.cli.provision.Component;
import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.cli.provision.LogTail;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drift-ops logs}: the end of a component's log, optionally followed. */
@Command(name = "logs",
        description = "Print the end of the registry's log (or another component's) from the data directory, "
                + "or, for --target docker, from the container; -f keeps printing new lines until Ctrl-C. "
                + "Local logs stay with the data after down; a container's go with it.")
final class LogsCommand extends DriftCommand {

    private static final Duration FOLLOW_POLL = Duration.ofMillis(300);

    @Mixin
    DataDirOption dataDir;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, defaultValue = "50", paramLabel = "N",
            description = "How many of the last lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--component", defaultValue = "registry", paramLabel = "NAME",
            description = "registry, postgres or (docker) zqlite (default: ${DEFAULT-VALUE}).")
    String component;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<Deployment> deployment = instance.find(dataDir);
        if (deployment.isPresent() && deployment.get().target().equals(DockerProvisioner.TARGET)) {
            return containerLogs(deployment.get().instance());
        }
        Path log = logFile();
        LogTail.lastLines(log, lines).forEach(out()::println);
        out().flush();
        if (follow) {
            follow(log);
        }
        return ExitCodes.OK;
    }

    private int containerLogs(String instanceName) {
        String container = Layout.container(instanceName, component);
        try (DockerEngine engine = DockerEngine.connect()) {
            String id = engine.client().listContainersCmd().withShowAll(true)
                    .withNameFilter(List.of(container)).exec().stream()
                    .filter(found -> Arrays.asList(found.getNames()).contains("/" + container))
                    .findFirst()
                    .orElseThrow(() -> new CliException(ExitCodes.NOT_RUNNING, "no container " + container
                            + " (components: registry, postgres, zqlite; is the instance up?)"))
                    .getId();
            ContainerLogs.stream(engine, id, lines, follow, line -> {
                out().println(line);
                out().flush();
            });
        }
        return ExitCodes.OK;
    }

    /** The component's log from the state file, or its usual place when drift-ops is not running. */
    private Path logFile() throws IOException {
        DataDir dir = dataDir.dataDir();
        Optional<Path> recorded = Deployment.load(dir).flatMap(deployment -> deployment.component(component))
                .map(Component::log);
        Path log = recorded.orElseGet(() -> switch (component) {
            case "registry" -> dir.registryLog();
            case "postgres" -> dir.postgresLog();
            default -> throw CliException.usage("--component must be registry or postgres, got \"" + component + "\"");
        });
        if (!Files.isRegularFile(log)) {
            throw new CliException(ExitCodes.NOT_RUNNING, "no " + component + " log in " + dir.root()
                    + " (start Drift there with drift-ops up)");
        }
        return log;
    }

    /** Prints what is appended to {@code log} until interrupted (Ctrl-C ends the JVM). */
    private void follow(Path log) throws IOException, InterruptedException {
        long position = Files.size(log);
        while (!Thread.currentThread().isInterrupted()) {
            long size = Files.size(log);
            if (size < position) {
                position = 0; // truncated or replaced: start over
            }
            if (size > position) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(position);
                    byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
                    file.readFully(bytes);
                    position += bytes.length;
                    out().print(new String(bytes, StandardCharsets.UTF_8));
                    out().flush();
                }
            }
            Thread.sleep(FOLLOW_POLL);
        }
    }
}
