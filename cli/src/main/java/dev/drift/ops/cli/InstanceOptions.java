package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.DockerProvisioner;
import dev.drift.ops.cli.docker.DockerSettings;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.k8s.K8sSettings;
import dev.drift.ops.cli.k8s.Via;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.cli.provision.Provisioner;
import dev.drift.ops.cli.provision.Provisioners;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which Drift status, logs and down act on: the one the data directory's state file names, or an
 * instance of a container target by name, found on the target itself when the state file is gone.
 */
final class InstanceOptions {

    @Option(names = "--target", paramLabel = "TARGET",
            description = "docker or k8s, with --name (default: what the data directory recorded; --name alone "
                    + "means docker).")
    String target;

    @Option(names = "--name", paramLabel = "NAME",
            description = "An instance by name (what up --target docker|k8s --name was given); needs no state file.")
    String name;

    @Mixin
    ClusterOptions cluster;

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
        String named = target == null ? DockerProvisioner.TARGET : target;
        Optional<Deployment> found = provisioner(named).find(name, dataDir.dataDir());
        // The state file knows more (the login it made); prefer it when it records the same instance.
        Optional<Deployment> same = recorded.filter(deployment -> deployment.target().equals(named)
                && found.map(Deployment::instance).filter(deployment.instance()::equals).isPresent());
        return same.isPresent() ? same : found;
    }

    /** The provisioner of {@code deployment}'s target, reaching the cluster these options name. */
    Provisioner provisioner(Deployment deployment) {
        return provisioner(deployment.target());
    }

    private Provisioner provisioner(String targetName) {
        if (cluster.given() && !targetName.equals(K8sSettings.TARGET)) {
            throw CliException.usage("--namespace, --kubeconfig and --operator-image belong to --target k8s");
        }
        DockerSettings docker = DockerSettings.defaults();
        // How it was installed is the cluster's to tell (a DriftRegistry or a helm release); only up chooses.
        return Provisioners.forTarget(targetName, docker, cluster.settings(Optional.empty(), Via.OPERATOR, Images.drift(),
                docker.postgresImage(), docker.zqliteImage()));
    }

    /** "in DIR", or "as instance NAME" when one was named: for messages. */
    String describe(DataDirOption dataDir) {
        return name != null ? "as instance " + name : "in " + dataDir.dataDir().root();
    }
}
