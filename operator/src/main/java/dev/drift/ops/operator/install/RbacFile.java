package dev.drift.ops.operator.install;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code operator/deploy/rbac.yaml}: the operator's ClusterRole as a file, for whoever installs it
 * without drift-ops (and for review). It is {@link OperatorInstall}'s, and {@code RbacFileTest}
 * fails when the committed file says anything else. Regenerate with
 * {@code java -cp operator/target/drift-operator.jar dev.drift.ops.operator.install.RbacFile operator/deploy/rbac.yaml}.
 */
public final class RbacFile {

    static final String HEADER = """
            # Generated from dev.drift.ops.operator.install.OperatorPermissions (RbacFile); do not edit.
            # Exactly what drift-operator asks the API server; bind it to the operator's ServiceAccount
            # with a ClusterRoleBinding (every namespace) or use its rules in a Role per namespace.
            """;

    private RbacFile() {
    }

    public static String text() {
        ClusterRole role = new OperatorInstall("unused", "unused", "IfNotPresent", java.util.Set.of()).objects().stream()
                .filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst().orElseThrow();
        return HEADER + new KubernetesSerialization().asYaml(role);
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), text(), StandardCharsets.UTF_8);
    }
}
