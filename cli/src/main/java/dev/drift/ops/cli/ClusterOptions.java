package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.k8s.K8sSettings;
import dev.drift.ops.cli.k8s.Via;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a {@code --target k8s} instance lives: the cluster (kubeconfig), its namespace, and how it is installed. */
final class ClusterOptions {

    @Option(names = "--namespace", paramLabel = "NS",
            description = "--target k8s: the namespace of the DriftRegistry (default: " + K8sSettings.DEFAULT_NAMESPACE + ").")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "--target k8s: the cluster's kubeconfig (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--operator-image", paramLabel = "IMAGE",
            description = "--target k8s: the drift-operator image up installs (in namespace "
                    + K8sSettings.OPERATOR_NAMESPACE + ") when the cluster has none as wanted (default: "
                    + Images.OPERATOR_REPOSITORY + ":<drift-ops version>, made by drift-ops build operator).")
    String operatorImage;

    boolean given() {
        return namespace != null || kubeconfig != null || operatorImage != null;
    }

    K8sSettings settings(Optional<String> instance, Via via, String driftImage, String postgresImage,
                         String zqliteImage) {
        return new K8sSettings(instance, Optional.ofNullable(namespace).orElse(K8sSettings.DEFAULT_NAMESPACE),
                Optional.ofNullable(kubeconfig), via, Optional.ofNullable(operatorImage).orElse(Images.operator()),
                driftImage, postgresImage, zqliteImage);
    }
}
