package dev.drift.ops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StuckPodsTest {

    private static final StatefulSet ROLLING = new StatefulSetBuilder().withNewMetadata().withName("drift-dev-registry")
            .endMetadata().withNewStatus().withCurrentRevision("old").withUpdateRevision("new").endStatus().build();

    private static Pod pod(String revision, String waitingReason, boolean ready) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("drift-dev-registry-0")
                .addToLabels("controller-revision-hash", revision).endMetadata();
        var status = pod.withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition();
        if (waitingReason != null) {
            status.addNewContainerStatus().withName("registry").withNewState().withNewWaiting("because", waitingReason)
                    .endState().endContainerStatus();
        }
        return status.endStatus().build();
    }

    @Test
    void aPodOfTheOldTemplateThatCannotStartIsReplaced() {
        Pod stuck = pod("old", "ErrImageNeverPull", false);
        assertThat(StuckPods.of(ROLLING, List.of(stuck))).containsOnlyKeys(stuck)
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(t -> t.reason().equals("ErrImageNeverPull"), "reason"));
    }

    @Test
    void podsThatAreFineSlowOrAlreadyNewAreLeftAlone() {
        assertThat(StuckPods.of(ROLLING, List.of(pod("old", null, true)))).as("ready").isEmpty();
        assertThat(StuckPods.of(ROLLING, List.of(pod("old", "ContainerCreating", false)))).as("starting").isEmpty();
        assertThat(StuckPods.of(ROLLING, List.of(pod("new", "ErrImageNeverPull", false)))).as("the new template").isEmpty();
    }
}
