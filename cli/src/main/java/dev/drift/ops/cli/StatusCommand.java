package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.ComponentStatus;
import dev.drift.ops.cli.provision.Deployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code drift-ops status}: a table of what up started and whether it is healthy. */
@Command(name = "status",
        description = "Show each component drift-ops started from the data directory: pid, health, URL. "
                + "Exit code 0 only when all of them are running and the registry is ready.")
final class StatusCommand extends DriftCommand {

    @Mixin
    DataDirOption dataDir;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() throws IOException {
        Deployment deployment = instance.find(dataDir).orElseThrow(() -> new CliException(ExitCodes.NOT_RUNNING,
                "no Drift started by drift-ops " + instance.describe(dataDir) + " (start one with drift-ops up)"));
        List<ComponentStatus> rows = instance.provisioner(deployment).status(deployment);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("COMPONENT", "ID", "HEALTH", "URL"));
        rows.forEach(row -> table.add(List.of(row.component(), row.id(), row.health(), row.url())));
        out().print(Table.render(table));
        out().println("backend " + deployment.backend().id() + ", target " + deployment.target()
                + (deployment.instance().isEmpty() ? "" : ", instance " + deployment.instance()) + ", data in "
                + deployment.dataDir().root());
        out().flush();
        boolean healthy = rows.stream().allMatch(row -> List.of("ready", "running", "healthy").contains(row.health()));
        return healthy ? ExitCodes.OK : ExitCodes.NOT_RUNNING;
    }
}
