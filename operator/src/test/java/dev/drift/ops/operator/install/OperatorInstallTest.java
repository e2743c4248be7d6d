package dev.drift.ops.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorInstallTest {

    @Test
    void everyNamespaceTakesAClusterRoleBoundToTheOperatorsServiceAccount() {
        OperatorInstall install = new OperatorInstall("drift-system", "drift-operator:1", "Never", Set.of());

        assertThat(install.objects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "CustomResourceDefinition/driftregistries.drift.dev", "ServiceAccount/drift-operator",
                "ClusterRole/drift-operator", "ClusterRoleBinding/drift-operator", "Deployment/drift-operator",
                "Service/drift-operator-metrics");
        Container container = deployment(install).getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("drift-operator:1");
        assertThat(container.getImagePullPolicy()).isEqualTo("Never");
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("DRIFT_OPERATOR_NAMESPACES=");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(deployment(install).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("drift-operator");
        assertThat(deployment(install).getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    @Test
    void chosenNamespacesTakeARoleEachAndNoClusterWideRights() {
        OperatorInstall install = new OperatorInstall("drift-system", "drift-operator:1", "IfNotPresent", Set.of("b", "a"));

        assertThat(install.objects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getNamespace())
                .contains("Role/a", "RoleBinding/a", "Role/b", "RoleBinding/b")
                .doesNotContain("ClusterRole/null", "ClusterRoleBinding/null");
        assertThat(install.objects()).filteredOn(Role.class::isInstance).map(Role.class::cast)
                .allSatisfy(role -> assertThat(role.getRules()).isEqualTo(OperatorPermissions.rules()));
        assertThat(deployment(install).getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue()).contains("DRIFT_OPERATOR_NAMESPACES=a,b");
    }

    @Test
    void theCrdIsTheOneTheBuildGenerated() {
        assertThat(OperatorInstall.crd().getMetadata().getName()).isEqualTo(DriftRegistry.CRD_NAME);
        assertThat(OperatorInstall.crd().getSpec().getVersions()).singleElement()
                .satisfies(version -> assertThat(version.getName()).isEqualTo(DriftRegistry.VERSION));
    }

    private static Deployment deployment(OperatorInstall install) {
        return install.objects().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
    }
}
