package dev.drift.ops.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.deploy.DefaultImages;
import dev.drift.ops.operator.OperatorVersion;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.ManagedPostgres;
import dev.drift.ops.operator.crd.PostgresSpec;
import dev.drift.ops.operator.crd.PullPolicy;
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
class DriftRegistryPostgresIT {

    private static final String DRIFT_IMAGE = DefaultImages.drift(OperatorVersion.get());
    /** The local stand-in for the official postgres image (scripts/build-base-images.sh). */
    private static final String POSTGRES_IMAGE = Optional.ofNullable(System.getenv("DRIFT_POSTGRES_IMAGE"))
            .filter(image -> !image.isBlank() && !image.startsWith("${")).orElse("drift-local/postgres:latest");

    private static KubernetesClient admin;
    private static TestNamespace namespace;
    private static OperatorUnderTest operator;

    @BeforeAll
    static void startOperator() throws Exception {
        admin = RealCluster.admin();
        RealCluster.requireImagesOnNode(admin, DRIFT_IMAGE, POSTGRES_IMAGE);
        namespace = TestNamespace.create(admin, "postgres");
        operator = OperatorUnderTest.start(admin, namespace.name(), DRIFT_IMAGE);
    }

    @AfterAll
    static void stopOperator() throws Exception {
        if (operator != null) {
            operator.close();
        }
        if (namespace != null) {
            namespace.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void driftOnAManagedPostgresBecomesReadyWithNoPasswordInAnyPodSpec() {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, PullPolicy.NEVER, null, null,
                new PostgresSpec(new ManagedPostgres(POSTGRES_IMAGE, null), null), null, null, null);
        Instant created = Instant.now();
        admin.resource(new DriftRegistry(namespace.name(), "pg", spec)).create();

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
}
