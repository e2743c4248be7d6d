package dev.drift.ops.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.operator.crd.AuthSpec;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.ExternalPostgres;
import dev.drift.ops.operator.crd.PostgresSpec;
import dev.drift.ops.operator.crd.PullPolicy;
import dev.drift.ops.operator.crd.SecretKeyRef;
import dev.drift.ops.operator.status.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the real cluster gets a condition that names it, nothing half-made, and fixing the
 * input heals the instance with no other step: a missing login Secret, a Secret without the key
 * the resource names, an image the node does not have.
 */
class DriftRegistryHealingIT {

    private static final Duration CONDITION_TIMEOUT = Duration.ofSeconds(60);

    private static OperatorOnCluster cluster;
    private static KubernetesClient admin;
    private static String driftImage;
    private static TestNamespace namespace;
    private static OperatorUnderTest operator;

    @BeforeAll
    static void startOperator() throws Exception {
        cluster = OperatorOnCluster.start("healing");
        admin = cluster.admin();
        driftImage = cluster.driftImage();
        namespace = cluster.namespace();
        operator = cluster.operator();
    }

    @AfterAll
    static void stopOperator() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMissingLoginSecretIsNamedAndCreatingItHeals() {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.SQLITE, null, PullPolicy.NEVER, null, null, null, null,
                new AuthSpec("team-login"), null);
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), "nologin", spec))).create();

        DriftRegistry refused = Instances.awaitCondition(admin, namespace.name(), "nologin", ConditionTypes.READY, "False",
                "SecretNotFound", CONDITION_TIMEOUT);
        assertThat(condition(refused, ConditionTypes.CONFIG_RENDERED).getMessage()).isEqualTo("secret team-login not found");
        assertThat(admin.apps().statefulSets().inNamespace(namespace.name()).withName("drift-nologin-registry").get())
                .as("nothing half-made").isNull();
        assertThat(Instances.operatorEvents(admin, namespace.name()))
                .contains("SecretNotFound: Ready=False: secret team-login not found");

        admin.resource(new SecretBuilder().withNewMetadata().withName("team-login").withNamespace(namespace.name())
                .endMetadata().withStringData(Map.of("username", "team", "password", "pw-of-the-team")).build()).create();

        Instances.awaitReady(admin, namespace.name(), "nologin", Instances.READY_TIMEOUT);
    }

    @Test
    void aSecretWithoutTheKeyIsNamedWithTheKeysItHas() {
        admin.resource(new SecretBuilder().withNewMetadata().withName("drift-db").withNamespace(namespace.name())
                .endMetadata().withStringData(Map.of("uri", "postgres://x@db/drift")).build()).create();
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, PullPolicy.NEVER, null, null,
                new PostgresSpec(null, new ExternalPostgres(new SecretKeyRef("drift-db", null))), null, null, null);
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), "nokey", spec))).create();

        DriftRegistry refused = Instances.awaitCondition(admin, namespace.name(), "nokey", ConditionTypes.CONFIG_RENDERED,
                "False", "SecretNotFound", CONDITION_TIMEOUT);
        assertThat(condition(refused, ConditionTypes.CONFIG_RENDERED).getMessage())
                .isEqualTo("secret drift-db has no key url (its keys: uri)");

        admin.secrets().inNamespace(namespace.name()).withName("drift-db").edit(secret -> new SecretBuilder(secret)
                .withData(null).withStringData(Map.of("url", "mysql://drift:hunter22@db/drift")).build());
        DriftRegistry malformed = Instances.awaitCondition(admin, namespace.name(), "nokey", ConditionTypes.CONFIG_RENDERED,
                "False", "SecretInvalid", CONDITION_TIMEOUT);
        assertThat(condition(malformed, ConditionTypes.CONFIG_RENDERED).getMessage()).startsWith("secret drift-db key url: ")
                .doesNotContain("hunter22");
        assertThat(String.join("\n", Instances.operatorEvents(admin, namespace.name()))).doesNotContain("hunter22");
    }

    @Test
    void anImageTheNodeLacksIsNamedAndTheRightOneHeals() {
        DriftRegistrySpec missing = new DriftRegistrySpec(Backend.SQLITE, "drift:not-on-this-node", PullPolicy.NEVER, null,
                null, null, null, null, null);
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), "noimage", missing))).create();

        DriftRegistry stuck = Instances.awaitCondition(admin, namespace.name(), "noimage", ConditionTypes.READY, "False",
                "ErrImageNeverPull", Duration.ofMinutes(2));
        assertThat(condition(stuck, ConditionTypes.READY).getMessage()).contains("drift-noimage-registry-0")
                .contains("drift:not-on-this-node");

        admin.resources(DriftRegistry.class).inNamespace(namespace.name()).withName("noimage").edit(resource -> {
            resource.setSpec(new DriftRegistrySpec(Backend.SQLITE, driftImage, PullPolicy.NEVER, null, null, null, null,
                    null, null));
            return resource;
        });

        Instances.awaitReady(admin, namespace.name(), "noimage", Instances.READY_TIMEOUT);
    }

    private static Condition condition(DriftRegistry resource, String type) {
        return resource.getStatus().conditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
