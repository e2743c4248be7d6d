package dev.drift.ops.operator.it;

import dev.drift.ops.operator.OperatorSettings;
import dev.drift.ops.operator.install.OperatorInstall;
import dev.drift.ops.testkit.RealTools;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
        refuseOperatorsWithoutClasses(client);
        client.resource(OperatorInstall.crd()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(OperatorInstall.crd().getMetadata().getName())
                .waitUntilCondition(crd -> crd.getStatus() != null && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
                        60, java.util.concurrent.TimeUnit.SECONDS);
        return client;
    }

    /**
     * An operator installed before operator classes existed reconciles every DriftRegistry, the
     * tests' too, under the same field manager: the two would undo each other's writes. Its
     * Deployment is recognised by the missing {@code DRIFT_OPERATOR_CLASS} (OperatorInstall sets it).
     */
    private static void refuseOperatorsWithoutClasses(KubernetesClient client) {
        for (Deployment deployment : client.apps().deployments().inAnyNamespace()
                .withLabel("app.kubernetes.io/name", OperatorInstall.NAME).list().getItems()) {
            boolean classAware = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(container -> Optional.ofNullable(container.getEnv()).orElse(java.util.List.of()).stream())
                    .anyMatch(env -> OperatorSettings.CLASS_ENV.equals(env.getName()));
            if (!classAware) {
                RealTools.unavailable("the drift-operator in " + deployment.getMetadata().getNamespace() + " ("
                        + deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()
                        + ") predates operator classes and would reconcile the tests' resources too; remove it "
                        + "(kubectl -n " + deployment.getMetadata().getNamespace() + " delete deployment "
                        + OperatorInstall.NAME + ")");
            }
        }
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
