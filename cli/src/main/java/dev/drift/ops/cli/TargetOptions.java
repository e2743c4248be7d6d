package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.DockerProvisioner;
import dev.drift.ops.cli.docker.DockerSettings;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.provision.Provisioner;
import dev.drift.ops.cli.provision.Provisioners;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The docker target's options of {@code up} and {@code test}: instance name and images. */
final class DockerOptions {

    @Option(names = "--name", paramLabel = "NAME",
            description = "--target docker: instance name; its containers are drift-NAME-registry etc. "
                    + "(default: the one the data directory recorded, else 'default').")
    String name;

    @Option(names = "--drift-image", paramLabel = "IMAGE",
            description = "--target docker: the Drift image (default: " + Images.DRIFT_REPOSITORY
                    + ":<drift-ops version>, made by drift-ops build drift).")
    String driftImage;

    @Option(names = "--postgres-image", paramLabel = "IMAGE",
            description = "--target docker: the PostgreSQL image (default: $" + Images.POSTGRES_ENV + " or "
                    + Images.POSTGRES_DEFAULT + ").")
    String postgresImage;

    @Option(names = "--zqlite-image", paramLabel = "IMAGE",
            description = "--target docker: the ZQLite server image (default: " + Images.ZQLITE_REPOSITORY + ":latest"
                    + ", made by drift-ops build zqlite).")
    String zqliteImage;

    /** The provisioner for {@code target}; docker options with another target are a usage error. */
    Provisioner provisioner(String target) {
        if (target.equals(DockerProvisioner.TARGET)) {
            return new DockerProvisioner(settings());
        }
        if (name != null || driftImage != null || postgresImage != null || zqliteImage != null) {
            throw CliException.usage("--name and the --*-image options belong to --target docker");
        }
        return Provisioners.forTarget(target);
    }

    DockerSettings settings() {
        DockerSettings defaults = DockerSettings.defaults();
        return new DockerSettings(Optional.ofNullable(name),
                Optional.ofNullable(driftImage).orElse(defaults.driftImage()),
                Optional.ofNullable(postgresImage).orElse(defaults.postgresImage()),
                Optional.ofNullable(zqliteImage).orElse(defaults.zqliteImage()));
    }
}
