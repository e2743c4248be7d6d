package dev.drift.ops.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated CRD's schema, as the real API server applies it: what it refuses never reaches
 * the operator, and what it accepts comes back with the defaults filled in. Server-side dry runs,
 * so no operator is involved and nothing is stored.
 */
class DriftRegistrySchemaIT {

    private static KubernetesClient admin;
    private static TestNamespace namespace;

    @BeforeAll
    static void cluster() {
        admin = RealCluster.admin();
        namespace = TestNamespace.create(admin, "schema");
    }

    @AfterAll
    static void cleanUp() {
        if (namespace != null) {
            namespace.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    private static String resource(String name, String spec) {
        return """
                apiVersion: drift.dev/v1alpha1
                kind: DriftRegistry
                metadata:
                  name: %s
                  namespace: %s
                spec:
                %s""".formatted(name, namespace.name(), spec.indent(2));
    }

    private static GenericKubernetesResource dryRunCreate(String yaml) {
        return admin.resource(admin.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class))
                .dryRun().create();
    }

    private static void refused(String name, String spec, String... messageParts) {
        assertThatThrownBy(() -> dryRunCreate(resource(name, spec)))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(messageParts);
                });
    }

    @Test
    void aMinimalResourceIsAcceptedWithTheDefaultsFilledIn() {
        GenericKubernetesResource created = dryRunCreate(resource("minimal", "backend: sqlite"));

        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) created.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("backend", "sqlite").containsEntry("replicas", 1)
                .containsEntry("imagePullPolicy", "IfNotPresent");
        // Nested defaults apply only to objects that are given, as in Kubernetes' own types.
        GenericKubernetesResource withObjects = dryRunCreate(resource("objects", """
                backend: postgres
                storage: {}
                service: {}
                postgres:
                  external:
                    urlSecret: {name: drift-db}"""));
        assertThat(withObjects.<String>get("spec", "storage", "size")).isEqualTo("1Gi");
        assertThat(withObjects.<String>get("spec", "storage", "reclaim")).isEqualTo("Retain");
        assertThat(withObjects.<Integer>get("spec", "service", "port")).isEqualTo(5000);
        assertThat(withObjects.<String>get("spec", "service", "type")).isEqualTo("ClusterIP");
        assertThat(withObjects.<String>get("spec", "postgres", "external", "urlSecret", "key")).isEqualTo("url");
    }

    @Test
    void anUnknownBackendIsRefused() {
        refused("mysql", "backend: mysql", "spec.backend", "Unsupported value: \"mysql\"");
        refused("none", "replicas: 1", "spec.backend", "Required value");
    }

    @Test
    void negativeReplicasAreRefused() {
        refused("negative", "backend: sqlite\nreplicas: -1", "spec.replicas", "greater than or equal to 0");
    }

    @Test
    void zqliteWithoutAnImageIsRefused() {
        refused("zqlite", "backend: zqlite", "backend zqlite requires zqlite.image");
        refused("stray", "backend: sqlite\nzqlite: {image: drift-zqlite:1}", "zqlite settings need backend zqlite");
    }

    @Test
    void managedAndExternalPostgresAreExclusive() {
        refused("both", """
                backend: postgres
                postgres:
                  managed: {}
                  external: {urlSecret: {name: drift-db}}""", "postgres.managed and postgres.external are exclusive");
        refused("stray", "backend: sqlite\npostgres: {managed: {}}", "postgres settings need backend postgres");
    }

    @Test
    void aNodePortNeedsTypeNodePortAndTheNodePortRange() {
        refused("clusterip", "backend: sqlite\nservice: {nodePort: 30100}", "service.nodePort needs service.type NodePort");
        refused("range", "backend: sqlite\nservice: {type: NodePort, nodePort: 80}", "spec.service.nodePort",
                "greater than or equal to 30000");
    }

    @Test
    void aNameTooLongForTheStatefulSetsIsRefused() {
        refused("a".repeat(38), "backend: sqlite", "metadata.name: at most 37 characters");
        dryRunCreate(resource("a".repeat(37), "backend: sqlite"));
    }

    @Test
    void aMalformedSizeIsRefused() {
        refused("size", "backend: sqlite\nstorage: {size: lots}", "spec.storage.size", "should match");
    }

    @Test
    void s3SettingsAndStorageBackendS3ComeTogetherAndTheirDefaultsAreFilledIn() {
        refused("nos3", "backend: postgres\nstorage: {backend: s3}", "storage backend s3 requires storage.s3");
        refused("stray", "backend: postgres\nstorage: {s3: {endpoint: 'http://s3:8333', bucket: b, "
                + "credentialsSecret: {name: keys}}}", "storage.s3 settings need storage backend s3");
        refused("nokeys", "backend: postgres\nstorage: {backend: s3, s3: {endpoint: 'http://s3:8333', bucket: b}}",
                "spec.storage.s3.credentialsSecret", "Required value");

        GenericKubernetesResource s3 = dryRunCreate(resource("s3", """
                backend: postgres
                replicas: 3
                storage:
                  backend: s3
                  s3: {endpoint: 'http://s3:8333', bucket: b, credentialsSecret: {name: keys}}"""));
        assertThat(s3.<String>get("spec", "storage", "s3", "region")).isEqualTo("us-east-1");
        assertThat(s3.<Boolean>get("spec", "storage", "s3", "pathStyle")).isFalse();
        assertThat(s3.<Boolean>get("spec", "storage", "s3", "redirect")).isFalse();
        assertThat(s3.<String>get("spec", "storage", "s3", "credentialsSecret", "accessKeyKey")).isEqualTo("accessKey");
        assertThat(s3.<String>get("spec", "storage", "s3", "credentialsSecret", "secretKeyKey")).isEqualTo("secretKey");
        assertThat(dryRunCreate(resource("fs", "backend: sqlite\nstorage: {}")).<String>get("spec", "storage", "backend"))
                .isEqualTo("fs");
    }
}
