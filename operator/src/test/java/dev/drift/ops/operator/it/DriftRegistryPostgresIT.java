package dev.drift.ops.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.ExternalPostgres;
import dev.drift.ops.operator.crd.SecretKeyRef;
import dev.drift.ops.operator.crd.ManagedPostgres;
import dev.drift.ops.operator.crd.PostgresSpec;
import dev.drift.ops.operator.crd.PullPolicy;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drift on a PostgreSQL the operator runs, on the real cluster: both StatefulSets ready, Drift
 * connected through the URL file, and no password in any pod's environment or arguments.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DriftRegistryPostgresIT {


    private static OperatorOnCluster cluster;
    private static KubernetesClient admin;
    private static String driftImage;
    private static String postgresImage;
    private static TestNamespace namespace;
    private static OperatorUnderTest operator;

    @BeforeAll
    static void startOperator() throws Exception {
        cluster = OperatorOnCluster.start("postgres");
        admin = cluster.admin();
        driftImage = cluster.driftImage();
        namespace = cluster.namespace();
        operator = cluster.operator();
        postgresImage = ImagesForTests.postgres(admin);
    }

    @AfterAll
    static void stopOperator() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void driftOnAManagedPostgresBecomesReadyWithNoPasswordInAnyPodSpec() {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, PullPolicy.NEVER, null, null,
                new PostgresSpec(new ManagedPostgres(postgresImage, null), null), null, null, null);
        Instant created = Instant.now();
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), "pg", spec))).create();

        DriftRegistry ready = Instances.awaitReady(admin, namespace.name(), "pg", Instances.READY_TIMEOUT);
        System.out.printf("MEASURED DriftRegistry postgres (managed) created -> Ready: %.1f s%n",
                Duration.between(created, Instant.now()).toMillis() / 1000.0);

        assertThat(ready.getStatus().conditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Ready=True/Ready", "BackendReady=True/Ready", "ConfigRendered=True/Rendered");
        String password = new String(java.util.Base64.getDecoder().decode(admin.secrets().inNamespace(namespace.name())
                .withName("drift-pg-postgres").get().getData().get("postgres_password")));
        for (Pod pod : admin.pods().inNamespace(namespace.name()).list().getItems()) {
            for (Container container : pod.getSpec().getContainers()) {
                assertThat(admin.getKubernetesSerialization().asYaml(container)).as(pod.getMetadata().getName())
                        .doesNotContain(password);
            }
        }
        assertThat(admin.configMaps().inNamespace(namespace.name()).withName("drift-pg-config").get().getData()
                .get("drift.toml")).contains("backend = \"postgres\"").doesNotContain(password);
    }

    /**
     * An external PostgreSQL: first one nothing answers at (named, not ready), then, with the Secret
     * fixed to the URL of the managed one above, Drift reaches it and the instance heals by itself.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void anExternalPostgresIsUsedFromTheUsersSecretAndAnUnreachableOneIsNamed() {
        String reachable = new String(java.util.Base64.getDecoder().decode(awaitManagedUrl()));
        admin.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("external-db")
                .withNamespace(namespace.name()).endMetadata()
                .withStringData(java.util.Map.of("url", "postgres://drift:nobody-listens@nowhere-here:5432/drift")).build())
                .create();
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, PullPolicy.NEVER, null, null,
                new PostgresSpec(null, new ExternalPostgres(new SecretKeyRef("external-db", null))), null, null, null);
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), "ext", spec))).create();

        // Drift exits when its database does not answer at start; the operator says so, in Drift's words.
        DriftRegistry unreachable = Instances.awaitCondition(admin, namespace.name(), "ext", "Ready", "False",
                "CrashLoopBackOff", Instances.READY_TIMEOUT);
        Condition ready = unreachable.getStatus().conditions().stream().filter(c -> c.getType().equals("Ready"))
                .findFirst().orElseThrow();
        assertThat(ready.getMessage()).contains("drift-ext-registry-0").contains("UnknownHostException: nowhere-here");
        assertThat(unreachable.getStatus().toString()).doesNotContain("nobody-listens");
        assertThat(String.join("\n", Instances.operatorEvents(admin, namespace.name()))).doesNotContain("nobody-listens");

        admin.secrets().inNamespace(namespace.name()).withName("external-db").edit(secret ->
                new io.fabric8.kubernetes.api.model.SecretBuilder(secret).withData(null)
                        .withStringData(java.util.Map.of("url", reachable)).build());

        DriftRegistry healed = Instances.awaitReady(admin, namespace.name(), "ext", Instances.READY_TIMEOUT);
        assertThat(healed.getStatus().conditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .contains("BackendReady=True/Reachable");
        assertThat(admin.secrets().inNamespace(namespace.name()).list().getItems())
                .extracting(s -> s.getMetadata().getName()).doesNotContain("drift-ext-postgres");
    }

    private static String awaitManagedUrl() {
        return Eventually.await("the managed PostgreSQL's URL", Instances.READY_TIMEOUT, () -> Optional.ofNullable(
                admin.secrets().inNamespace(namespace.name()).withName("drift-pg-postgres").get())
                .map(secret -> secret.getData().get("postgres_url")), () -> "no Secret drift-pg-postgres");
    }
}
