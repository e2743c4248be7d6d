package dev.drift.ops.cli.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** One word (or the kubelet's reason) for how a pod is doing, for status tables and wait messages. */
final class PodHealth {

    private PodHealth() {
    }

    /** {@code ready}, {@code running}, or why not: ErrImageNeverPull, CrashLoopBackOff, Pending, ... */
    static String of(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "terminating";
        }
        Optional<String> waiting = problem(pod);
        if (waiting.isPresent()) {
            return waiting.get();
        }
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        if (!statuses.isEmpty() && statuses.stream().allMatch(status -> Boolean.TRUE.equals(status.getReady()))) {
            return "ready";
        }
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "pending"
                : pod.getStatus().getPhase().toLowerCase();
    }

    /** The reason a container of the pod is waiting or was last terminated, e.g. ErrImageNeverPull. */
    static Optional<String> problem(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (status.getState() != null && status.getState().getWaiting() != null) {
                String reason = status.getState().getWaiting().getReason();
                if (reason != null && !reason.equals("ContainerCreating") && !reason.equals("PodInitializing")) {
                    String message = status.getState().getWaiting().getMessage();
                    return Optional.of(reason + (message == null ? "" : ": " + message));
                }
            }
        }
        return Optional.empty();
    }
}
