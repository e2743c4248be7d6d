package dev.drift.ops.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RbacFileTest {

    @Test
    void theCommittedRbacFileIsTheGeneratedOne() throws IOException {
        Path committed = Path.of(System.getProperty("drift.rbac.committed"));
        assertThat(Files.readString(committed)).as("%s differs from OperatorPermissions; regenerate it with\n"
                + "  java -cp operator/target/drift-operator.jar %s %s", committed, RbacFile.class.getName(), committed)
                .isEqualTo(RbacFile.text());
    }

    /**
     * The rules, spelled out: a change to what the operator watches or applies shows up here as a
     * change to what it may do, for a reviewer to see. No get, no update, no escalate or bind,
     * nothing cluster-scoped.
     */
    @Test
    void theOperatorMayDoExactlyThis() {
        assertThat(OperatorPermissions.rules()).extracting(RbacFileTest::describe).containsExactly(
                "drift.dev/driftregistries: list,watch",
                "drift.dev/driftregistries/status: patch",
                "/secrets: list,watch,create,patch,delete",
                "/configmaps: list,watch,create,patch,delete",
                "/services: list,watch,create,patch,delete",
                "apps/statefulsets: list,watch,create,patch,delete",
                "apps/deployments: list,watch,create,patch,delete",
                "/pods: list,watch,delete",
                "/pods/proxy: get",
                "/events: create");
    }

    private static String describe(PolicyRule rule) {
        assertThat(rule.getApiGroups()).hasSize(1);
        assertThat(rule.getResources()).hasSize(1);
        return rule.getApiGroups().getFirst() + "/" + rule.getResources().getFirst() + ": "
                + String.join(",", rule.getVerbs());
    }
}
