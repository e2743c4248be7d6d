package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import java.util.List;

/** The provisioner for a {@code --target} name. */
public final class Provisioners {

    /** The targets this build knows, for help texts and errors. */
    public static final List<String> TARGETS = List.of("local");

    private Provisioners() {
    }

    public static Provisioner forTarget(String target) {
        return switch (target) {
            case "local" -> new LocalProvisioner();
            default -> throw CliException.usage("unknown target \"" + target + "\"; this drift-ops knows " + TARGETS);
        };
    }
}
