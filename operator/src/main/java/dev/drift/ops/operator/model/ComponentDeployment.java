package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import java.util.Optional;

/**
 * The Deployment of a registry that keeps nothing of its own ({@code DriftInstance.stateless()}: blobs in a bucket,
 * metadata in PostgreSQL): the same pod as its StatefulSet would run ({@link ComponentPodTemplate}), with an emptyDir
 * at the data path, so any number of replicas start, roll and go without claims or a fixed order.
 */
public final class ComponentDeployment {

    private ComponentDeployment() {
    }

    /** The parameters are {@link ComponentPodTemplate#of}'s. */
    public static Deployment of(DriftRegistry owner, DriftComponent component, WorkloadSettings settings,
                                Map<String, SecretFileSource> secretFiles, Optional<String> configMap, String configHash) {
        String instance = owner.getMetadata().getName();
        return new DeploymentBuilder()
                .withMetadata(Ownership.owned(owner, component.objectName(), InstanceLabels.of(instance, component.name())))
                .withNewSpec()
                    .withReplicas(settings.replicas())
                    .withNewSelector().withMatchLabels(InstanceLabels.selector(instance, component.name())).endSelector()
                    .withTemplate(ComponentPodTemplate.of(owner, component, settings.imagePullPolicy(), secretFiles,
                            configMap, configHash, ComponentPodTemplate.Data.EMPTY_DIR))
                .endSpec()
                .build();
    }
}
