package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.docker.DockerProvisioner;
import dev.drift.ops.cli.docker.DockerSettings;
import dev.drift.ops.cli.k8s.K8sProvisioner;
import dev.drift.ops.cli.k8s.K8sSettings;
import java.util.List;

/** The provisioner for a {@code --target} name. */
public final class Provisioners {

    /** The targets this build knows, for help texts and errors. */
    public static final List<String> TARGETS = List.of(LocalProvisioner.TARGET, DockerProvisioner.TARGET, K8sSettings.TARGET);

    private Provisioners() {
    }

    public static Provisioner forTarget(String target, DockerSettings docker, K8sSettings k8s) {
        return switch (target) {
            case LocalProvisioner.TARGET -> new LocalProvisioner();
            case DockerProvisioner.TARGET -> new DockerProvisioner(docker);
            case K8sSettings.TARGET -> new K8sProvisioner(k8s);
            default -> throw CliException.usage("unknown target \"" + target + "\"; this drift-ops knows " + TARGETS);
        };
    }

    /** With every choice at its default, e.g. for a deployment a state file recorded. */
    public static Provisioner forTarget(String target) {
        return forTarget(target, DockerSettings.defaults(), K8sSettings.defaults());
    }
}
