package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.DriftComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes objects one DriftRegistry is made of, in the order they are applied (Secrets and
 * the ConfigMap before the StatefulSets that mount them, the backend before the registry).
 *
 * @param backend  the component the operator runs for the metadata database (postgres managed, zqlite)
 * @param endpoint Drift's URL inside the cluster
 */
public record RenderedInstance(List<HasMetadata> objects, DriftComponent registry, Optional<DriftComponent> backend,
                               String endpoint) {

    public RenderedInstance {
        objects = List.copyOf(objects);
    }
}
