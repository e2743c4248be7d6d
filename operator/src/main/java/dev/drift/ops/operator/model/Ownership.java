package dev.drift.ops.operator.model;

import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;

/**
 * Metadata of the objects the operator makes for one resource: name, namespace, labels, and the
 * owner reference through which Kubernetes' garbage collector deletes them with the resource.
 */
public final class Ownership {

    private Ownership() {
    }

    /** Metadata of an object the resource owns (it goes when the resource goes). */
    public static ObjectMeta owned(DriftRegistry owner, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder(unowned(owner, name, labels)).withOwnerReferences(reference(owner)).build();
    }

    /** Metadata of an object that outlives the resource (data the claim it belongs to needs). */
    public static ObjectMeta unowned(DriftRegistry owner, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels).build();
    }

    public static OwnerReference reference(DriftRegistry owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** True when {@code owner} is the controller owner of {@code metadata}: the operator made it for this resource. */
    public static boolean isOwnedBy(ObjectMeta metadata, DriftRegistry owner) {
        List<OwnerReference> references = metadata.getOwnerReferences();
        return references != null && references.stream().anyMatch(reference -> Boolean.TRUE.equals(reference.getController())
                && reference.getUid() != null && reference.getUid().equals(owner.getMetadata().getUid()));
    }
}
