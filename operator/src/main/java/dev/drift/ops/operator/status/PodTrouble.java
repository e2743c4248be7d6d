package dev.drift.ops.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What keeps a component's pods from running, in Kubernetes' own words: a container waiting with a
 * reason (ErrImageNeverPull, ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError...) or
 * a pod the scheduler cannot place (an unbound claim). The reason becomes the condition's reason.
 */
public record PodTrouble(String reason, String message) {

    private static final int MAX_LINE = 300;
    private static final String CAUSED_BY = "Caused by: ";

    /** Waiting reasons that are only a pod starting normally, not trouble. */
    private static final List<String> STARTING = List.of("ContainerCreating", "PodInitializing");

    /** The first trouble among {@code pods}, by pod name. */
    public static Optional<PodTrouble> of(List<Pod> pods) {
        return pods.stream()
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .flatMap(pod -> of(pod).stream())
                .findFirst();
    }

    static Optional<PodTrouble> of(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        String name = pod.getMetadata().getName();
        Stream<ContainerStatus> statuses = Stream.concat(
                Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).orElse(List.of()).stream(),
                Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of()).stream());
        Optional<PodTrouble> waiting = statuses
                .filter(status -> status.getState() != null && status.getState().getWaiting() != null)
                .filter(status -> status.getState().getWaiting().getReason() != null
                        && !STARTING.contains(status.getState().getWaiting().getReason()))
                .findFirst()
                .map(status -> new PodTrouble(status.getState().getWaiting().getReason(), "pod " + name + " container "
                        + status.getName() + ": " + Optional.ofNullable(status.getState().getWaiting().getMessage())
                        .orElse(status.getState().getWaiting().getReason()) + lastWords(status)));
        if (waiting.isPresent()) {
            return waiting;
        }
        return Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of()).stream()
                .filter(condition -> "PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus()))
                .findFirst()
                .map(condition -> new PodTrouble(Optional.ofNullable(condition.getReason()).orElse("Unschedulable"),
                        "pod " + name + ": " + messageOf(condition)));
    }

    /**
     * What a container that exited said last (its termination message, which with
     * FallbackToLogsOnError is the last 2 KiB of its log, usually a stack trace cut anywhere): the
     * innermost cause when there is one, since that names what failed (an unknown host, a refused
     * connection), else the last line that is not a stack frame.
     */
    static String lastWords(ContainerStatus status) {
        if (status.getLastState() == null || status.getLastState().getTerminated() == null) {
            return "";
        }
        var terminated = status.getLastState().getTerminated();
        List<String> lines = Optional.ofNullable(terminated.getMessage()).orElse("").lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        Optional<String> rootCause = lines.stream().filter(line -> line.startsWith(CAUSED_BY))
                .reduce((first, second) -> second).map(line -> line.substring(CAUSED_BY.length()));
        String said = rootCause.or(() -> lines.stream()
                        .filter(line -> !line.startsWith("at ") && !line.startsWith("...") && !line.startsWith("Suppressed"))
                        .reduce((first, second) -> second))
                .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line)
                .orElse("");
        return "; it exited with code " + terminated.getExitCode() + (said.isEmpty() ? "" : ": " + said);
    }

    private static String messageOf(PodCondition condition) {
        return Optional.ofNullable(condition.getMessage()).orElse("cannot be scheduled");
    }
}
