package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.DockerSettings;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.k8s.K8sSettings;
import dev.drift.ops.cli.k8s.Via;
import dev.drift.ops.cli.provision.Provisioner;
import dev.drift.ops.cli.provision.Provisioners;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The container targets' options of {@code up} and {@code test}: instance name, images, and where the cluster is. */
final class TargetOptions {

    @Option(names = "--name", paramLabel = "NAME",
            description = "--target docker|k8s: instance name; its containers (docker) or objects (k8s) are "
                    + "drift-NAME-registry etc. (default: the one the data directory recorded, else 'default').")
    String name;

    @Option(names = "--drift-image", paramLabel = "IMAGE",
            description = "--target docker|k8s: the Drift image (default: " + Images.DRIFT_REPOSITORY
                    + ":<drift-ops version>, made by drift-ops build drift).")
    String driftImage;

    @Option(names = "--postgres-image", paramLabel = "IMAGE",
            description = "--target docker|k8s: the PostgreSQL image (default: $" + Images.POSTGRES_ENV + " or "
                    + Images.POSTGRES_DEFAULT + ").")
    String postgresImage;

    @Option(names = "--zqlite-image", paramLabel = "IMAGE",
            description = "--target docker|k8s: the ZQLite server image (default: " + Images.ZQLITE_REPOSITORY + ":latest"
                    + ", made by drift-ops build zqlite).")
    String zqliteImage;

    @Option(names = "--seaweedfs-image", paramLabel = "IMAGE",
            description = "--target docker with --storage s3: the S3 server image (default: " + Images.SEAWEEDFS_REPOSITORY
                    + ":latest, made by drift-ops build seaweedfs).")
    String seaweedfsImage;

    @Option(names = "--via", paramLabel = "WAY", converter = ViaConverter.class,
            description = "--target k8s: how Drift is installed: operator (a DriftRegistry the drift-operator "
                    + "reconciles; up installs the operator when the cluster has none) or helm (a release of the "
                    + "charts/drift chart drift-ops carries, no operator; needs helm 3). Default: operator.")
    Via via;

    @Mixin
    ClusterOptions cluster;

    /** The provisioner for {@code target}; options of another target are a usage error. */
    Provisioner provisioner(String target) {
        boolean containerOptions = name != null || driftImage != null || postgresImage != null || zqliteImage != null
                || seaweedfsImage != null;
        if (containerOptions && target.equals("local")) {
            throw CliException.usage("--name and the --*-image options belong to --target docker or k8s");
        }
        if ((cluster.given() || via != null) && !target.equals(K8sSettings.TARGET)) {
            throw CliException.usage("--namespace, --kubeconfig, --operator-image and --via belong to --target k8s");
        }
        if (via == Via.HELM && cluster.operatorImage != null) {
            throw CliException.usage("--operator-image has no use with --via helm: the chart runs no operator");
        }
        return Provisioners.forTarget(target, docker(), k8s());
    }

    private DockerSettings docker() {
        DockerSettings defaults = DockerSettings.defaults();
        return new DockerSettings(Optional.ofNullable(name),
                Optional.ofNullable(driftImage).orElse(defaults.driftImage()),
                Optional.ofNullable(postgresImage).orElse(defaults.postgresImage()),
                Optional.ofNullable(zqliteImage).orElse(defaults.zqliteImage()),
                Optional.ofNullable(seaweedfsImage).orElse(defaults.seaweedfsImage()));
    }

    private K8sSettings k8s() {
        DockerSettings images = docker();
        return cluster.settings(Optional.ofNullable(name), via == null ? Via.OPERATOR : via, images.driftImage(),
                images.postgresImage(),
                images.zqliteImage());
    }

    /** The instance name given, if any (test names one instance per backend after it). */
    Optional<String> name() {
        return Optional.ofNullable(name);
    }
}
