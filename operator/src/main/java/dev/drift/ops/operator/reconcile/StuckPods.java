package dev.drift.ops.operator.reconcile;

import dev.drift.ops.operator.status.PodTrouble;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A StatefulSet does not replace a pod of its old template that never became ready (an image the
 * node lacks, a crash loop): it waits for it forever, and Kubernetes' documentation tells a person
 * to delete the pod. The operator does that step, so fixing the resource heals the instance. Only
 * pods of an old revision that are in trouble qualify; a pod that is merely slow is left alone.
 */
public final class StuckPods {

    static final String REVISION_LABEL = "controller-revision-hash";

    private StuckPods() {
    }

    /** The pods of {@code statefulSet} to delete, with the trouble that keeps each stuck. */
    public static Map<Pod, PodTrouble> of(StatefulSet statefulSet, List<Pod> pods) {
        String update = statefulSet.getStatus() == null ? null : statefulSet.getStatus().getUpdateRevision();
        if (update == null) {
            return Map.of();
        }
        Map<Pod, PodTrouble> stuck = new java.util.LinkedHashMap<>();
        for (Pod pod : pods) {
            String revision = Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(REVISION_LABEL)).orElse(null);
            if (revision != null && !Objects.equals(revision, update) && pod.getMetadata().getDeletionTimestamp() == null
                    && !ready(pod)) {
                PodTrouble.of(List.of(pod)).ifPresent(trouble -> stuck.put(pod, trouble));
            }
        }
        return stuck;
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
