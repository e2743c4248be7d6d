package dev.drift.ops.operator.status;

import dev.drift.ops.operator.crd.DriftRegistryStatus;
import dev.drift.ops.operator.model.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status a DriftRegistry gets from what the reconciler did and saw: pure, so the same facts
 * give an equal status and the reconciler can leave an unchanged one unwritten. A condition keeps
 * its lastTransitionTime while its status stays the same, as Kubernetes' conventions ask.
 *
 * @param generation   metadata.generation of the resource reconciled
 * @param notRendered  why no objects were applied (refused, or the API server refused them)
 * @param replicas     the Drift pods asked for
 * @param endpoint     Drift's in-cluster URL, when rendered
 * @param nodePort     the registry Service's node port, for type NodePort
 */
public record StatusReport(long generation, Optional<Problem> notRendered, BackendKind backend, int replicas,
                           Optional<String> endpoint, Optional<Integer> nodePort, Observed observed) {

    public static final String READY_REASON = "Ready";

    public DriftRegistryStatus status(DriftRegistryStatus previous, Instant now) {
        List<Condition> conditions = new ArrayList<>();
        Condition rendered = rendered();
        Condition backendReady = backendReady();
        conditions.add(condition(ConditionTypes.READY, ready(rendered, backendReady), previous, now));
        conditions.add(condition(ConditionTypes.BACKEND_READY, backendReady, previous, now));
        conditions.add(condition(ConditionTypes.CONFIG_RENDERED, rendered, previous, now));
        String endpointNow = endpoint.orElse(previous == null ? null : previous.endpoint());
        return new DriftRegistryStatus(conditions, generation, endpointNow, nodePort.orElse(null),
                notRendered.isPresent() ? null : observed.registry().map(Rollout::ready).orElse(0));
    }

    private Condition rendered() {
        return notRendered.map(problem -> state("False", problem.reason(), problem.message()))
                .orElseGet(() -> state("True", "Rendered", "the instance's objects are applied"));
    }

    private Condition backendReady() {
        if (notRendered.isPresent()) {
            return state("Unknown", "NotRendered", "the instance's objects could not be applied");
        }
        return switch (backend) {
            case EMBEDDED -> state("True", "Embedded", "SQLite, on Drift's own data claim");
            case RUN_BY_OPERATOR -> backendRunByOperator();
            case EXTERNAL -> observed.driftNotReady().filter(StatusReport::isDatabaseProblem)
                    .map(message -> state("False", "BackendNotReady", "Drift cannot use its database: " + message))
                    .orElseGet(() -> registryReady()
                            ? state("True", "Reachable", "Drift reaches its database")
                            : state("Unknown", "Unverified", "no ready Drift pod has tried the database yet"));
        };
    }

    private Condition backendRunByOperator() {
        Optional<Rollout> statefulSet = observed.backend();
        if (statefulSet.isPresent() && statefulSet.get().rolledOut(1)) {
            return state("True", READY_REASON, statefulSet.get().name() + " is ready");
        }
        return PodTrouble.of(observed.backendPods())
                .map(trouble -> state("False", trouble.reason(), trouble.message()))
                .orElseGet(() -> state("False", "BackendNotReady", statefulSet.map(s -> s.name()
                        + " has no ready pod yet").orElse("the database's StatefulSet does not exist yet")));
    }

    private Condition ready(Condition rendered, Condition backendReady) {
        if (!"True".equals(rendered.getStatus())) {
            return state("False", rendered.getReason(), rendered.getMessage());
        }
        // Ready means every part is: a Drift that already answers while its database's own probe has not
        // passed yet is not called ready until it has.
        if ("False".equals(backendReady.getStatus())) {
            return state("False", backendReady.getReason(), backendReady.getMessage());
        }
        if (registryReady()) {
            return state("True", READY_REASON, replicas == 0 ? "scaled to 0 replicas"
                    : "Drift answers at " + endpoint.orElse("its Service"));
        }
        Optional<PodTrouble> trouble = PodTrouble.of(observed.registryPods());
        if (trouble.isPresent()) {
            return state("False", trouble.get().reason(), trouble.get().message());
        }
        if (observed.driftNotReady().isPresent()) {
            return state("False", "RegistryNotReady", "Drift's /readyz: " + observed.driftNotReady().get());
        }
        return state("False", "Progressing", observed.registry().map(Rollout::progress)
                .orElse("the registry's workload does not exist yet"));
    }

    private boolean registryReady() {
        return observed.registry().map(rollout -> rollout.rolledOut(replicas)).orElse(false);
    }

    private static boolean isDatabaseProblem(String readyzMessage) {
        return readyzMessage.contains("metadata database");
    }

    private static Condition state(String status, String reason, String message) {
        return new ConditionBuilder().withStatus(status).withReason(reason).withMessage(message).build();
    }

    private Condition condition(String type, Condition state, DriftRegistryStatus previous, Instant now) {
        Optional<Condition> before = previous == null ? Optional.empty() : previous.conditions().stream()
                .filter(condition -> type.equals(condition.getType())).findFirst();
        String since = before.filter(condition -> Objects.equals(condition.getStatus(), state.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new ConditionBuilder(state).withType(type).withObservedGeneration(generation)
                .withLastTransitionTime(since).build();
    }
}
