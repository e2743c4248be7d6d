package dev.drift.ops.operator.reconcile;

import dev.drift.ops.deploy.Layout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DriftRegistry an object belongs to by its instance label: pods are owned by their
 * StatefulSet, not by the resource, but carry the instance label of the pod template.
 */
public final class InstanceLabelMapper<T extends HasMetadata> implements SecondaryToPrimaryMapper<T> {

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(T object) {
        Map<String, String> labels = Optional.ofNullable(object.getMetadata().getLabels()).orElse(Map.of());
        String instance = labels.get(Layout.INSTANCE_LABEL);
        return instance == null ? Set.of() : Set.of(new ResourceID(instance, object.getMetadata().getNamespace()));
    }
}
