package dev.drift.ops.operator.reconcile;

import dev.drift.ops.deploy.Layout;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.model.InstanceLabels;
import dev.drift.ops.operator.model.ObjectNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which DriftRegistries a Secret matters to: those that name it (auth.secretName,
 * postgres.external.urlSecret, zqlite.encryptionSecret, storage.s3.credentialsSecret), found through an index on the resources,
 * and the instance whose label it carries (the Secrets the operator wrote). So a Secret that was
 * missing, or whose content changed, reconciles the resources that need it.
 */
public final class SecretReferences implements SecondaryToPrimaryMapper<Secret>, PrimaryToSecondaryMapper<DriftRegistry> {

    public static final String INDEX = "drift.dev/referenced-secrets";

    private final IndexedResourceCache<DriftRegistry> resources;

    public SecretReferences(IndexedResourceCache<DriftRegistry> resources) {
        this.resources = resources;
    }

    /** The index values of a resource: {@code namespace/secret} for each Secret it names. */
    public static List<String> indexValues(DriftRegistry resource) {
        String namespace = resource.getMetadata().getNamespace();
        return named(resource.getSpec()).stream().map(name -> namespace + "/" + name).toList();
    }

    static List<String> named(DriftRegistrySpec spec) {
        List<String> names = new ArrayList<>();
        if (spec == null) {
            return names;
        }
        spec.auth().givenSecret().ifPresent(names::add);
        if (spec.postgres() != null && spec.postgres().external() != null && spec.postgres().external().urlSecret() != null) {
            names.add(spec.postgres().external().urlSecret().name());
        }
        if (spec.zqlite() != null) {
            spec.zqlite().encryption().ifPresent(ref -> names.add(ref.name()));
        }
        if (spec.storage().s3() != null && spec.storage().s3().credentialsSecret() != null) {
            names.add(spec.storage().s3().credentialsSecret().name());
        }
        return names;
    }

    /**
     * The other way round, which is what the reconciler's view of a resource's Secrets comes from:
     * computed from the resource itself, so a Secret that existed before the resource (or before the
     * operator started) is found too, which an index built from Secret events alone would miss.
     */
    @Override
    public Set<ResourceID> toSecondaryResourceIDs(DriftRegistry resource) {
        String namespace = resource.getMetadata().getNamespace();
        String instance = resource.getMetadata().getName();
        Set<ResourceID> ids = new HashSet<>();
        for (String name : named(resource.getSpec())) {
            ids.add(new ResourceID(name, namespace));
        }
        for (String name : List.of(ObjectNames.generatedLogin(instance), ObjectNames.basicUsers(instance),
                ObjectNames.postgresCredentials(instance))) {
            ids.add(new ResourceID(name, namespace));
        }
        return ids;
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(Secret secret) {
        String namespace = secret.getMetadata().getNamespace();
        Set<ResourceID> ids = new HashSet<>();
        Map<String, String> labels = Optional.ofNullable(secret.getMetadata().getLabels()).orElse(Map.of());
        if (InstanceLabels.OPERATOR.equals(labels.get(InstanceLabels.MANAGED_BY)) && labels.containsKey(Layout.INSTANCE_LABEL)) {
            ids.add(new ResourceID(labels.get(Layout.INSTANCE_LABEL), namespace));
        }
        for (DriftRegistry resource : resources.byIndex(INDEX, namespace + "/" + secret.getMetadata().getName())) {
            ids.add(ResourceID.fromResource(resource));
        }
        return ids;
    }
}
