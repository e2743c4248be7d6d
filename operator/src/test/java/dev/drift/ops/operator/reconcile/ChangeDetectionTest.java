package dev.drift.ops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

/** What the applier calls a change: only one its own apply made, never a controller's status write. */
class ChangeDetectionTest {

    private static StatefulSet statefulSet(String resourceVersion, long generation, String ourTime) {
        return new StatefulSetBuilder().withNewMetadata().withName("drift-dev-registry")
                .withResourceVersion(resourceVersion).withGeneration(generation)
                .withManagedFields(
                        new ManagedFieldsEntryBuilder().withManager("drift-operator").withOperation("Apply")
                                .withTime(ourTime).build(),
                        new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").withOperation("Update")
                                .withSubresource("status").withTime("2026-12-01T10:00:09Z").build())
                .endMetadata().build();
    }

    @Test
    void aStatusWrittenByTheControllerIsNotOurChange() {
        assertThat(ServerSideApplier.changedByUs(statefulSet("100", 1, "2026-12-01T10:00:00Z"),
                statefulSet("105", 1, "2026-12-01T10:00:00Z"))).isFalse();
    }

    @Test
    void aNewSpecOrNewOwnFieldsAreOurChange() {
        assertThat(ServerSideApplier.changedByUs(statefulSet("100", 1, "2026-12-01T10:00:00Z"),
                statefulSet("106", 2, "2026-12-01T10:00:00Z"))).as("generation").isTrue();
        assertThat(ServerSideApplier.changedByUs(statefulSet("100", 1, "2026-12-01T10:00:00Z"),
                statefulSet("106", 1, "2026-12-01T10:01:00Z"))).as("our entry's time").isTrue();
        assertThat(ServerSideApplier.changedByUs(statefulSet("100", 1, "2026-12-01T10:00:00Z"),
                statefulSet("100", 1, "2026-12-01T10:00:00Z"))).as("nothing written").isFalse();
    }
}
