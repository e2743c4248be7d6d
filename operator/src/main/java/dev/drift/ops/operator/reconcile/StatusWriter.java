package dev.drift.ops.operator.reconcile;

import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistryStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a DriftRegistry's status by server-side apply of the status alone (no resourceVersion:
 * only the operator writes it, so there is no conflict to lose), and remembers what it wrote: the
 * informer's copy of the resource can lag behind its own write, and comparing with that stale copy
 * would write the same status again and announce the same condition change twice.
 */
public final class StatusWriter {

    private final KubernetesClient client;
    /** By uid, so a resource deleted and made again under the same name starts afresh. */
    private final Map<String, DriftRegistryStatus> written = new ConcurrentHashMap<>();

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** The status this resource has: the last one written, else the one it came with. */
    public Optional<DriftRegistryStatus> current(DriftRegistry resource) {
        return Optional.ofNullable(written.get(resource.getMetadata().getUid())).or(() -> Optional.ofNullable(resource.getStatus()));
    }

    public void write(DriftRegistry resource, DriftRegistryStatus status) {
        DriftRegistry patch = new DriftRegistry(resource.getMetadata().getNamespace(), resource.getMetadata().getName(), null);
        patch.setStatus(status);
        PatchContext apply = PatchContext.of(PatchType.SERVER_SIDE_APPLY);
        apply.setFieldManager(ServerSideApplier.FIELD_MANAGER);
        apply.setForce(true);
        client.resource(patch).subresource("status").patch(apply);
        written.put(resource.getMetadata().getUid(), status);
    }

    /** Forgets resources that are gone (their uids no longer among {@code existing}). */
    public void retainOnly(Set<String> existing) {
        written.keySet().retainAll(existing);
    }
}
