package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.DriftComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes objects one DriftRegistry is made of, in the order they are applied (Secrets and
 * the ConfigMap before the workloads that mount them, the backend before the registry).
 *
 * @param backend  the component the operator runs for the metadata database (postgres managed, zqlite)
 * @param endpoint Drift's URL inside the cluster
 * @param registryDeployment the registry runs as a Deployment (it keeps nothing of its own), not a StatefulSet
 */
public record RenderedInstance(List<HasMetadata> objects, DriftComponent registry, Optional<DriftComponent> backend,
                               String endpoint, boolean registryDeployment) {

    public RenderedInstance {
        objects = List.copyOf(objects);
    }
}
