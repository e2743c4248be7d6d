package dev.drift.ops.operator.it;

import dev.drift.ops.operator.install.OperatorInstall;
import dev.drift.ops.testkit.RealTools;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real Kubernetes cluster the integration tests run against: the one KUBECONFIG (or
 * {@code -Ddrift.kubeconfig}) names, e.g. {@code export KUBECONFIG=$(scripts/local-cluster.sh
 * kubeconfig)}. Without one a test is skipped on a developer machine and fails in CI ({@link RealTools}).
 */
final class RealCluster {

    static final String FIELD_MANAGER = "drift-operator-tests";

    private RealCluster() {
    }

    /** An admin client of the cluster; the DriftRegistry CRD is applied (the one the build generated). */
    static KubernetesClient admin() {
        Path kubeconfig = kubeconfig().orElse(null);
        if (kubeconfig == null || !Files.isRegularFile(kubeconfig)) {
            RealTools.unavailable("no Kubernetes cluster: set KUBECONFIG (scripts/local-cluster.sh up; "
                    + "export KUBECONFIG=$(scripts/local-cluster.sh kubeconfig))" + (kubeconfig == null ? "" : ", "
                    + kubeconfig + " does not exist"));
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile()))
                .build();
        try {
            String ready = client.raw("/readyz");
            if (ready == null || !ready.strip().equals("ok")) {
                throw new IllegalStateException("/readyz answered " + ready);
            }
        } catch (RuntimeException e) {
            client.close();
            RealTools.unavailable("the cluster of " + kubeconfig + " is not ready: " + e.getMessage()
                    + " (scripts/local-cluster.sh status)");
        }
        client.resource(OperatorInstall.crd()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(OperatorInstall.crd().getMetadata().getName())
                .waitUntilCondition(crd -> crd.getStatus() != null && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
                        60, java.util.concurrent.TimeUnit.SECONDS);
        return client;
    }

    private static Optional<Path> kubeconfig() {
        return Optional.ofNullable(System.getProperty("drift.kubeconfig"))
                .or(() -> Optional.ofNullable(System.getenv("KUBECONFIG")))
                // Maven hands over the literal "${env.KUBECONFIG}" when the variable is not set.
                .filter(value -> !value.isBlank() && !value.startsWith("${"))
                .map(value -> value.split(File.pathSeparator)[0])
                .map(Path::of);
    }
}
