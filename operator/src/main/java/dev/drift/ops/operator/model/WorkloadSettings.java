package dev.drift.ops.operator.model;

import java.util.Optional;

/**
 * What the resource says about how a component runs in Kubernetes, beyond what the deployment
 * model says about the component itself.
 *
 * @param whenDeleted the claims' fate when the StatefulSet goes: Retain or Delete
 */
public record WorkloadSettings(int replicas, String imagePullPolicy, String claimSize, Optional<String> storageClassName,
                               String whenDeleted) {
}
