package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where a local Drift lives; up, status, down and logs share it. */
final class DataDirOption {

    @Option(names = "--data-dir", defaultValue = ".drift", paramLabel = "DIR",
            description = "Data directory of the instance: config, credentials, database, blobs, logs "
                    + "(default: ${DEFAULT-VALUE}).")
    Path dir;

    DataDir dataDir() {
        return new DataDir(dir);
    }

    /** The deployment recorded there; exit code 5 when there is none. */
    Deployment requireDeployment() throws IOException {
        return Deployment.load(dataDir()).orElseThrow(() -> new CliException(ExitCodes.NOT_RUNNING,
                "no Drift started by drift-ops in " + dataDir().root() + " (start one with drift-ops up)"));
    }
}
