package dev.drift.ops.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies desired objects with server-side apply under the operator's one field manager, taking
 * over fields others set (force). An apply that changes nothing is not written by the API server
 * (the resourceVersion stays); {@link #changedByUs} tells our changes from other writers'.
 */
public final class ServerSideApplier {

    /** The one field manager of everything the operator writes, its status patches included. */
    public static final String FIELD_MANAGER = "drift-operator";

    private final KubernetesClient client;

    public ServerSideApplier(KubernetesClient client) {
        this.client = client;
    }

    public record Applied<T extends HasMetadata>(T object, Change change) {
    }

    /** @param actual the object as last seen (informer cache), empty when it was not there */
    public <T extends HasMetadata> Applied<T> apply(T desired, Optional<T> actual) {
        T applied = client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        if (actual.isEmpty()) {
            return new Applied<>(applied, Change.CREATED);
        }
        return new Applied<>(applied, changedByUs(actual.get(), applied) ? Change.UPDATED : Change.UNCHANGED);
    }

    /**
     * A new resourceVersion alone does not mean this apply changed anything: a controller may have
     * written the object's status since the cache saw it. The API server moves the time of our own
     * managedFields entry (or, for a spec, the generation) only when our apply changed a field.
     */
    static boolean changedByUs(HasMetadata before, HasMetadata after) {
        if (Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
            return false;
        }
        return !Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
                || !Objects.equals(ownEntry(before), ownEntry(after));
    }

    private static Optional<ManagedFieldsEntry> ownEntry(HasMetadata object) {
        return Optional.ofNullable(object.getMetadata().getManagedFields()).orElse(List.of()).stream()
                .filter(entry -> FIELD_MANAGER.equals(entry.getManager()) && "Apply".equals(entry.getOperation())
                        && (entry.getSubresource() == null || entry.getSubresource().isEmpty()))
                .findFirst();
    }

    public void delete(HasMetadata object) {
        client.resource(object).delete();
    }
}
