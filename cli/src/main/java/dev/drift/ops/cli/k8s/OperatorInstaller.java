package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.operator.install.OperatorInstall;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the CRD and the operator (its ServiceAccount, RBAC, Deployment and metrics Service, as
 * {@link OperatorInstall} renders them) into the cluster when they are not there as wanted, and
 * waits for the operator to be available. Applied server-side, so a cluster that already has them
 * as wanted is left unwritten.
 */
final class OperatorInstaller {

    /** The label the operator's pod carries its name in. */
    static final String NAME_LABEL = "app.kubernetes.io/name";

    private final KubernetesClient client;
    private final Console console;

    OperatorInstaller(KubernetesClient client, Console console) {
        this.client = client;
        this.console = console;
    }

    void ensure(String operatorImage, Duration timeout) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(K8sSettings.OPERATOR_NAMESPACE)
                .endMetadata().build()).fieldManager(K8sProvisioner.FIELD_MANAGER).forceConflicts().serverSideApply();
        // Every namespace watched; IfNotPresent, so an image loaded onto the node is used as it is.
        OperatorInstall install = new OperatorInstall(K8sSettings.OPERATOR_NAMESPACE, operatorImage, "IfNotPresent", Set.of());
        for (HasMetadata object : install.objects()) {
            String before = resourceVersion(object);
            HasMetadata applied = client.resource(object).fieldManager(K8sProvisioner.FIELD_MANAGER).forceConflicts()
                    .serverSideApply();
            if (!applied.getMetadata().getResourceVersion().equals(before)) {
                console.info("  " + object.getKind() + " " + describe(object) + ": " + (before.isEmpty() ? "created" : "updated"));
            }
        }
        awaitAvailable(timeout);
    }

    private String resourceVersion(HasMetadata object) {
        HasMetadata existing = client.resource(object).get();
        return existing == null ? "" : existing.getMetadata().getResourceVersion();
    }

    private static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    private void awaitAvailable(Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        var deployment = client.apps().deployments().inNamespace(K8sSettings.OPERATOR_NAMESPACE)
                .withName(OperatorInstall.NAME);
        while (Instant.now().isBefore(deadline)) {
            Deployment current = deployment.get();
            if (current != null && current.getStatus() != null && current.getStatus().getAvailableReplicas() != null
                    && current.getStatus().getAvailableReplicas() > 0) {
                console.endWait("operator available after " + Duration.between(start, Instant.now()).toSeconds() + " s");
                return;
            }
            Optional<String> problem = operatorPodProblem();
            if (problem.isPresent() && problem.get().startsWith("ErrImageNeverPull")) {
                console.endWait("its image is not on the node");
                throw CliException.provisioning("the operator cannot start: " + problem.get() + ". Build its image with "
                        + "drift-ops build operator and put it on the node (scripts/local-cluster.sh load-image IMAGE)");
            }
            console.tick("waiting for the drift-operator in " + K8sSettings.OPERATOR_NAMESPACE
                    + problem.map(text -> " (" + text + ")").orElse(""));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.provisioning("interrupted while waiting for the operator");
            }
        }
        console.endWait("not available after " + timeout.toSeconds() + " s");
        throw CliException.provisioning("the drift-operator in " + K8sSettings.OPERATOR_NAMESPACE + " did not become "
                + "available within " + timeout.toSeconds() + " s" + operatorPodProblem().map(text -> ": " + text).orElse(""));
    }

    private Optional<String> operatorPodProblem() {
        return client.pods().inNamespace(K8sSettings.OPERATOR_NAMESPACE)
                .withLabel(NAME_LABEL, OperatorInstall.NAME).list().getItems().stream()
                .map(PodHealth::problem).flatMap(Optional::stream).findFirst();
    }
}
