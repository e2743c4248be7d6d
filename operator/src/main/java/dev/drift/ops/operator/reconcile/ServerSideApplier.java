package dev.drift.ops.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies desired objects with server-side apply under the operator's one field manager, taking
 * over fields others set (force). An apply that changes nothing is not written by the API server:
 * the resourceVersion stays, which is how a change is told from none.
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
        boolean same = Objects.equals(actual.get().getMetadata().getResourceVersion(),
                applied.getMetadata().getResourceVersion());
        return new Applied<>(applied, same ? Change.UNCHANGED : Change.UPDATED);
    }

    public void delete(HasMetadata object) {
        client.resource(object).delete();
    }
}
