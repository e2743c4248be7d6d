package dev.drift.ops.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.operator.crd.DriftRegistryStatus;
import dev.drift.ops.operator.model.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-01T10:05:00Z");
    private static final String ENDPOINT = "http://drift-dev-registry.apps.svc:5000";

    private static Rollout statefulSet(String name, int ready, String current, String update) {
        return Rollout.of(new StatefulSetBuilder().withNewMetadata().withName(name).withGeneration(2L).endMetadata()
                .withNewStatus().withObservedGeneration(2L).withReplicas(1).withReadyReplicas(ready)
                .withCurrentRevision(current).withUpdateRevision(update).endStatus().build());
    }

    private static Rollout deployment(int wanted, long observedGeneration, int total, int ready, int updated) {
        return Rollout.of(new DeploymentBuilder().withNewMetadata().withName("drift-dev-registry").withGeneration(2L)
                .endMetadata().withNewSpec().withReplicas(wanted).endSpec()
                .withNewStatus().withObservedGeneration(observedGeneration).withReplicas(total).withReadyReplicas(ready)
                .withUpdatedReplicas(updated).endStatus().build());
    }

    private static Pod waiting(String name, String reason, String message) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("registry")
                .withNewState().withNewWaiting(message, reason).endState().endContainerStatus().endStatus().build();
    }

    private static StatusReport report(BackendKind backend, Observed observed) {
        return new StatusReport(3, Optional.empty(), backend, 1, Optional.of(ENDPOINT), Optional.empty(), observed);
    }

    private static Observed registryOnly(Rollout registry, List<Pod> pods) {
        return new Observed(Optional.of(registry), pods, Optional.empty(), List.of(), Optional.empty());
    }

    private static Condition condition(DriftRegistryStatus status, String type) {
        return status.conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aRolledOutRegistryOnSqliteIsReady() {
        DriftRegistryStatus status = report(BackendKind.EMBEDDED,
                registryOnly(statefulSet("drift-dev-registry", 1, "r1", "r1"), List.of())).status(null, T0);

        assertThat(status.conditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Ready=True/Ready", "BackendReady=True/Embedded", "ConfigRendered=True/Rendered");
        assertThat(status.conditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(3L);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
        });
        assertThat(status.observedGeneration()).isEqualTo(3L);
        assertThat(status.endpoint()).isEqualTo(ENDPOINT);
    }

    @Test
    void theSameFactsGiveAnEqualStatusWhoseTransitionTimesStay() {
        StatusReport report = report(BackendKind.EMBEDDED,
                registryOnly(statefulSet("drift-dev-registry", 1, "r1", "r1"), List.of()));
        DriftRegistryStatus first = report.status(null, T0);

        assertThat(report.status(first, T1)).isEqualTo(first);
        DriftRegistryStatus rolling = report(BackendKind.EMBEDDED,
                registryOnly(statefulSet("drift-dev-registry", 1, "r1", "r2"), List.of())).status(first, T1);
        assertThat(condition(rolling, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(rolling, "Ready").getReason()).isEqualTo("Progressing");
        assertThat(condition(rolling, "Ready").getLastTransitionTime()).isEqualTo("2026-12-01T10:05:00Z");
        assertThat(condition(rolling, "ConfigRendered").getLastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void aRefusalIsTheReasonOfEveryConditionItBlocks() {
        Problem missing = Problem.secretNotFound("drift-db");
        DriftRegistryStatus status = new StatusReport(1, Optional.of(missing), BackendKind.EXTERNAL, 1, Optional.empty(),
                Optional.empty(), Observed.nothing()).status(null, T0);

        assertThat(status.conditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Ready=False/SecretNotFound", "BackendReady=Unknown/NotRendered",
                        "ConfigRendered=False/SecretNotFound");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("secret drift-db not found");
    }

    @Test
    void anImageTheNodeLacksIsNamedWithKubernetesReason() {
        Pod pod = waiting("drift-dev-registry-0", "ErrImageNeverPull",
                "Container image \"drift:x\" is not present with pull policy of Never");
        DriftRegistryStatus status = report(BackendKind.EMBEDDED,
                registryOnly(statefulSet("drift-dev-registry", 0, "r1", "r1"), List.of(pod))).status(null, T0);

        assertThat(condition(status, "Ready").getReason()).isEqualTo("ErrImageNeverPull");
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("pod drift-dev-registry-0 container registry: "
                + "Container image \"drift:x\" is not present with pull policy of Never");
    }

    @Test
    void aBackendThatDoesNotRunMakesTheInstanceNotReadyForThatReason() {
        Observed observed = new Observed(Optional.of(statefulSet("drift-dev-registry", 0, "r1", "r1")), List.of(),
                Optional.of(statefulSet("drift-dev-postgres", 0, "p1", "p1")),
                List.of(waiting("drift-dev-postgres-0", "ImagePullBackOff", "Back-off pulling image \"postgres:17\"")),
                Optional.empty());
        DriftRegistryStatus status = report(BackendKind.RUN_BY_OPERATOR, observed).status(null, T0);

        assertThat(condition(status, "BackendReady").getReason()).isEqualTo("ImagePullBackOff");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("ImagePullBackOff");
        assertThat(condition(status, "Ready").getMessage()).contains("drift-dev-postgres-0");
    }

    @Test
    void anExternalDatabaseDriftCannotReachIsNamedFromItsReadinessAnswer() {
        Observed observed = new Observed(Optional.of(statefulSet("drift-dev-registry", 0, "r1", "r1")), List.of(),
                Optional.empty(), List.of(), Optional.of("metadata database: connection refused"));
        DriftRegistryStatus status = report(BackendKind.EXTERNAL, observed).status(null, T0);

        assertThat(condition(status, "BackendReady").getStatus()).isEqualTo("False");
        assertThat(condition(status, "BackendReady").getReason()).isEqualTo("BackendNotReady");
        assertThat(condition(status, "BackendReady").getMessage())
                .isEqualTo("Drift cannot use its database: metadata database: connection refused");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("BackendNotReady");

        DriftRegistryStatus untried = report(BackendKind.EXTERNAL, registryOnly(statefulSet("drift-dev-registry", 0, "r1",
                "r1"), List.of())).status(null, T0);
        assertThat(condition(untried, "BackendReady").getStatus()).isEqualTo("Unknown");
    }

    @Test
    void driftIsNotReadyBeforeItsDatabaseIsEvenIfItAlreadyAnswers() {
        Observed observed = new Observed(Optional.of(statefulSet("drift-dev-registry", 1, "r1", "r1")), List.of(),
                Optional.of(statefulSet("drift-dev-postgres", 0, "p1", "p1")), List.of(), Optional.empty());
        DriftRegistryStatus status = report(BackendKind.RUN_BY_OPERATOR, observed).status(null, T0);

        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("BackendNotReady");
    }

    @Test
    void aDeploymentIsReadyWhenEveryPodItAsksForIsReadyAndOfItsCurrentTemplate() {
        StatusReport threeWanted = new StatusReport(3, Optional.empty(), BackendKind.RUN_BY_OPERATOR, 3,
                Optional.of(ENDPOINT), Optional.empty(), new Observed(Optional.of(deployment(3, 2, 3, 3, 3)), List.of(),
                        Optional.of(statefulSet("drift-dev-postgres", 1, "p1", "p1")), List.of(), Optional.empty()));
        DriftRegistryStatus ready = threeWanted.status(null, T0);
        assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
        assertThat(ready.readyReplicas()).isEqualTo(3);

        for (Rollout notYet : List.of(
                deployment(3, 1, 3, 3, 3),      // the controller has not seen generation 2 yet
                deployment(3, 2, 3, 2, 3),      // one pod not ready
                deployment(3, 2, 4, 3, 2),      // an old pod still runs beside the new ones
                deployment(3, 2, 3, 3, 2))) {   // a ready pod of the old template
            DriftRegistryStatus status = new StatusReport(3, Optional.empty(), BackendKind.RUN_BY_OPERATOR, 3,
                    Optional.of(ENDPOINT), Optional.empty(), new Observed(Optional.of(notYet), List.of(),
                            Optional.of(statefulSet("drift-dev-postgres", 1, "p1", "p1")), List.of(), Optional.empty()))
                    .status(ready, T1);
            assertThat(condition(status, "Ready").getStatus()).as("%s", notYet).isEqualTo("False");
            assertThat(condition(status, "Ready").getReason()).as("%s", notYet).isEqualTo("Progressing");
        }
        assertThat(deployment(3, 2, 4, 3, 2).progress())
                .isEqualTo("drift-dev-registry: rolling out new settings, 2 of 3 pods updated, 3 ready");
        assertThat(deployment(3, 2, 3, 2, 3).progress()).isEqualTo("drift-dev-registry: 2 of 3 pods ready");
    }

    @Test
    void theStatusCountsTheReadyDriftPodsAndNoneWhenNothingWasRendered() {
        assertThat(report(BackendKind.EMBEDDED, registryOnly(statefulSet("drift-dev-registry", 1, "r1", "r1"), List.of()))
                .status(null, T0).readyReplicas()).isEqualTo(1);
        assertThat(report(BackendKind.EMBEDDED, Observed.nothing()).status(null, T0).readyReplicas()).isZero();
        assertThat(new StatusReport(1, Optional.of(Problem.invalidSpec("no")), BackendKind.EMBEDDED, 1, Optional.empty(),
                Optional.empty(), Observed.nothing()).status(null, T0).readyReplicas()).isNull();
    }
}
