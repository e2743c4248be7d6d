package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.docker.DockerProvisioner;
import java.util.List;

/** The provisioner for a {@code --target} name. */
public final class Provisioners {

    /** The targets this build knows, for help texts and errors. */
    public static final List<String> TARGETS = List.of("local", DockerProvisioner.TARGET);

    private Provisioners() {
    }

    public static Provisioner forTarget(String target) {
        return switch (target) {
            case "local" -> new LocalProvisioner();
            case DockerProvisioner.TARGET -> new DockerProvisioner();
            default -> throw CliException.usage("unknown target \"" + target + "\"; this drift-ops knows " + TARGETS);
        };
    }
}
