package dev.drift.ops.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a workload (a StatefulSet, or the Deployment of a registry that keeps nothing) is in running the pods its
 * current spec asks for: what the status needs of either kind, read the way each kind's controller reports it.
 *
 * @param observed the controller has seen the workload's current generation (so the counts below are about it)
 * @param wanted   spec.replicas
 * @param total    the pods it has, of any revision
 * @param ready    its ready pods
 * @param updated  its pods of the current template
 * @param rolling  pods of an older template remain (or, for a StatefulSet, its update revision is not current yet)
 */
public record Rollout(String name, boolean observed, int wanted, int total, int ready, int updated,
                      boolean rolling) {

    public static Rollout of(StatefulSet statefulSet) {
        var status = Optional.ofNullable(statefulSet.getStatus());
        int wanted = Optional.ofNullable(statefulSet.getSpec()).map(spec -> spec.getReplicas()).orElse(1);
        // A StatefulSet's updatedReplicas lags behind its revisions when nothing rolled; the revisions say it.
        boolean rolling = status.map(s -> !Objects.equals(s.getCurrentRevision(), s.getUpdateRevision())).orElse(false);
        return new Rollout(statefulSet.getMetadata().getName(),
                observed(status.map(s -> s.getObservedGeneration()), statefulSet.getMetadata().getGeneration()),
                wanted, status.map(s -> s.getReplicas()).orElse(0), status.map(s -> s.getReadyReplicas()).orElse(0),
                status.map(s -> s.getUpdatedReplicas()).orElse(0), rolling);
    }

    /**
     * A Deployment has no revisions in its status: it is rolled out when every pod it has is of the current template
     * (updatedReplicas), which is also how {@code kubectl rollout status} decides.
     */
    public static Rollout of(Deployment deployment) {
        var status = Optional.ofNullable(deployment.getStatus());
        int wanted = Optional.ofNullable(deployment.getSpec()).map(spec -> spec.getReplicas()).orElse(1);
        int total = status.map(s -> s.getReplicas()).orElse(0);
        int updated = status.map(s -> s.getUpdatedReplicas()).orElse(0);
        return new Rollout(deployment.getMetadata().getName(),
                observed(status.map(s -> s.getObservedGeneration()), deployment.getMetadata().getGeneration()),
                wanted, total, status.map(s -> s.getReadyReplicas()).orElse(0), updated,
                updated < total || updated < wanted);
    }

    /** All {@code replicas} pods ready and on the current template, and no others. */
    public boolean rolledOut(int replicas) {
        return observed && ready == replicas && total == replicas && (replicas == 0 || !rolling);
    }

    /** For the status: pods on the current template and ready, out of those asked for. */
    public String progress() {
        return name + (rolling
                ? ": rolling out new settings, " + updated + " of " + wanted + " pods updated, " + ready + " ready"
                : ": " + ready + " of " + wanted + " pods ready");
    }

    private static boolean observed(Optional<Long> observedGeneration, Long generation) {
        return observedGeneration.isPresent() && observedGeneration.get() >= Optional.ofNullable(generation).orElse(0L);
    }

}
