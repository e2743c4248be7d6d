package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.DockerProvisioner;
import dev.drift.ops.cli.provision.Credentials;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.config.DatabaseBackend;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which Drift status, logs and down act on: the one the data directory's state file names, or a
 * docker instance by name, found through its labels when the state file is gone.
 */
final class InstanceOptions {

    @Option(names = "--target", paramLabel = "TARGET",
            description = "Only 'docker', with --name (default: what the data directory recorded).")
    String target;

    @Option(names = "--name", paramLabel = "NAME",
            description = "A docker instance by name (what up --target docker --name was given); "
                    + "needs no state file.")
    String name;

    /** The deployment to act on, if there is one. */
    Optional<Deployment> find(DataDirOption dataDir) throws IOException {
        Optional<Deployment> recorded = Deployment.load(dataDir.dataDir());
        if (name == null) {
            if (target != null && recorded.map(deployment -> !deployment.target().equals(target)).orElse(true)) {
                throw CliException.usage("--target " + target + " needs --name, or a data directory that holds "
                        + "a Drift of that target");
            }
            return recorded;
        }
        if (target != null && !target.equals(DockerProvisioner.TARGET)) {
            throw CliException.usage("--name names a docker instance; --target must be docker");
        }
        Optional<Deployment> same = recorded.filter(deployment -> deployment.target().equals(DockerProvisioner.TARGET)
                && deployment.instance().equals(name));
        return same.isPresent() ? same : DockerProvisioner.find(name, dataDir.dataDir());
    }

    /** For down: a named instance is acted on even when only its volumes are left. */
    Optional<Deployment> findForDown(DataDirOption dataDir) throws IOException {
        Optional<Deployment> found = find(dataDir);
        if (found.isEmpty() && name != null) {
            // No container left to tell the backend; down needs only the name (volumes go by label).
            return Optional.of(new Deployment(DockerProvisioner.TARGET, DatabaseBackend.SQLITE,
                    dataDir.dataDir(), "-", Credentials.DEFAULT_USER, List.of(), name));
        }
        return found;
    }

    /** "in DIR", or "as instance NAME" when one was named: for messages. */
    String describe(DataDirOption dataDir) {
        return name != null ? "as instance " + name : "in " + dataDir.dataDir().root();
    }
}
