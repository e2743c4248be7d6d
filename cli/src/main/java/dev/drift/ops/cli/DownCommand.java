package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drift-ops down}: stop what up started; the data stays unless --purge. */
@Command(name = "down",
        description = "Stop Drift and the database drift-ops started for it. The data directory stays "
                + "(a later up finds the same data) unless --purge.")
final class DownCommand extends DriftCommand {

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--purge", description = "Also delete the data: the data directory and, for --target docker, "
            + "the instance's volumes (for --target k8s, its claims).")
    boolean purge;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() throws IOException {
        DataDir dir = dataDir.dataDir();
        Optional<Deployment> deployment = instance.find(dataDir);
        if (deployment.isPresent()) {
            instance.provisioner(deployment.get()).down(deployment.get(), purge, console());
            out().println("stopped Drift " + instance.describe(dataDir)
                    + (purge ? " and deleted its data" : "; data kept"));
        } else if (purge && dir.isDriftOpsDataDir()) {
            dir.purge();
            out().println("nothing was running; deleted " + dir.root());
        } else {
            out().println("nothing to stop in " + dir.root());
        }
        out().flush();
        return ExitCodes.OK;
    }
}
