package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.docker.DockerSettings;
import dev.drift.ops.cli.docker.Images;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The k8s target's choices for {@code up}: which DriftRegistry (name, namespace), which cluster,
 * and which images it runs. Images are the docker target's defaults: they reach a local node from
 * the same Docker engine ({@code scripts/local-cluster.sh load-image}).
 *
 * @param instance   empty: the one the data directory recorded, else {@code default}
 * @param kubeconfig empty: $KUBECONFIG, else ~/.kube/config
 * @param via        how {@code up} installs Drift; the other commands find out from the cluster
 */
public record K8sSettings(Optional<String> instance, String namespace, Optional<Path> kubeconfig, Via via,
                          String operatorImage, String driftImage, String postgresImage, String zqliteImage) {

    public static final String TARGET = "k8s";
    public static final String DEFAULT_NAMESPACE = "default";
    /** Where {@code up} installs the operator when the cluster has none. */
    public static final String OPERATOR_NAMESPACE = "drift-system";

    public static K8sSettings defaults() {
        DockerSettings images = DockerSettings.defaults();
        return new K8sSettings(Optional.empty(), DEFAULT_NAMESPACE, Optional.empty(), Via.OPERATOR, Images.operator(),
                images.driftImage(), images.postgresImage(), images.zqliteImage());
    }

    public K8sSettings withInstance(String name) {
        return new K8sSettings(Optional.of(name), namespace, kubeconfig, via, operatorImage, driftImage, postgresImage,
                zqliteImage);
    }
}
