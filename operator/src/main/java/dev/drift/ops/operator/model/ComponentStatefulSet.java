package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;
import java.util.Optional;

/**
 * The StatefulSet of one component of the deployment model: its pod ({@link ComponentPodTemplate}) with the data
 * path on a claim of its own, which outlives the pod and, as the resource says, the StatefulSet.
 */
public final class ComponentStatefulSet {

    private ComponentStatefulSet() {
    }

    /** The parameters are {@link ComponentPodTemplate#of}'s. */
    public static StatefulSet of(DriftRegistry owner, DriftComponent component, WorkloadSettings settings,
                                 Map<String, SecretFileSource> secretFiles, Optional<String> configMap, String configHash) {
        String instance = owner.getMetadata().getName();
        return new StatefulSetBuilder()
                .withMetadata(Ownership.owned(owner, component.objectName(), InstanceLabels.of(instance, component.name())))
                .withNewSpec()
                    .withReplicas(settings.replicas())
                    .withServiceName(component.objectName())
                    .withNewSelector().withMatchLabels(InstanceLabels.selector(instance, component.name())).endSelector()
                    .withNewPersistentVolumeClaimRetentionPolicy()
                        .withWhenDeleted(settings.whenDeleted())
                        .withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .withTemplate(ComponentPodTemplate.of(owner, component, settings.imagePullPolicy(), secretFiles,
                            configMap, configHash, ComponentPodTemplate.Data.CLAIM))
                    .withVolumeClaimTemplates(claim(instance, component, settings))
                .endSpec()
                .build();
    }

    private static PersistentVolumeClaim claim(String instance, DriftComponent component, WorkloadSettings settings) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(ObjectNames.DATA_CLAIM)
                    .withLabels(InstanceLabels.of(instance, component.name()))
                .endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(settings.storageClassName().orElse(null))
                    .withNewResources().withRequests(Map.of("storage", new Quantity(settings.claimSize()))).endResources()
                .endSpec()
                .build();
    }
}
