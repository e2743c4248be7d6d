package dev.drift.ops.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * What the reconciler saw of a running instance, for the status: the registry's and the backend's
 * workloads (StatefulSets, or the registry's Deployment) and pods, and what Drift's /readyz said when a registry pod runs but is not ready.
 */
public record Observed(Optional<Rollout> registry, List<Pod> registryPods, Optional<Rollout> backend,
                       List<Pod> backendPods, Optional<String> driftNotReady) {

    public Observed {
        registryPods = List.copyOf(registryPods);
        backendPods = List.copyOf(backendPods);
    }

    public static Observed nothing() {
        return new Observed(Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty());
    }
}
