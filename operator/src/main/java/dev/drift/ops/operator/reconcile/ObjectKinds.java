package dev.drift.ops.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/**
 * The kinds of object the operator touches, in one place: the reconciler watches and applies
 * exactly these, and {@code OperatorPermissions} grants exactly the verbs that implies.
 */
public final class ObjectKinds {

    /**
     * What the rendered instance is made of: server-side applied, and deleted when no longer wanted. The registry is a
     * StatefulSet or, when it keeps nothing, a Deployment; switching deletes the other kind, as anything not wanted.
     */
    public static final List<Class<? extends HasMetadata>> APPLIED = List.of(
            Secret.class, ConfigMap.class, Service.class, StatefulSet.class, Deployment.class);

    /**
     * Watched for the status (waiting reasons, readiness), and deleted only when a StatefulSet's
     * rollout is stuck on one of them ({@link StuckPods}).
     */
    public static final List<Class<? extends HasMetadata>> OBSERVED = List.of(Pod.class);

    private ObjectKinds() {
    }
}
