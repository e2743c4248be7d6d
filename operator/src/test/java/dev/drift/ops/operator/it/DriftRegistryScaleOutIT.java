package dev.drift.ops.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.Login;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.ManagedPostgres;
import dev.drift.ops.operator.crd.PostgresSpec;
import dev.drift.ops.operator.crd.PullPolicy;
import dev.drift.ops.operator.crd.S3Credentials;
import dev.drift.ops.operator.crd.S3Spec;
import dev.drift.ops.operator.crd.ServiceSpec;
import dev.drift.ops.operator.crd.ServiceType;
import dev.drift.ops.operator.crd.StorageSpec;
import dev.drift.ops.operator.model.InstanceLabels;
import dev.drift.ops.operator.model.ObjectNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drift scaled out on the real cluster: blobs in a bucket of a SeaweedFS the test runs beside it, metadata in the
 * PostgreSQL the operator runs, two registry pods of a Deployment without a claim. An image pushed through the
 * NodePort is served by each pod (each reached by a port-forward of its own), and storage fs with two replicas is
 * refused with the fix named.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftRegistryScaleOutIT {

    private static final String NAME = "scale";
    private static final String KEYS = "blob-keys";
    private static final String REPOSITORY = "scale/app";
    /** storage.s3.prefix: where in the bucket this instance's objects go. */
    private static final String PREFIX = "instances/scale/";
    private static final int REPLICAS = 2;
    private static final int PULLS_THROUGH_THE_SERVICE = 20;

    private static OperatorOnCluster cluster;
    private static KubernetesClient admin;
    private static TestNamespace namespace;
    private static OperatorUnderTest operator;
    private static SeaweedFsOnCluster seaweedFs;
    private static String postgresImage;
    private static Secret accessKey;
    private static Secret secretKey;

    private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = new byte[256 * 1024];

    @BeforeAll
    static void start() throws Exception {
        cluster = OperatorOnCluster.start("scale");
        admin = cluster.admin();
        namespace = cluster.namespace();
        operator = cluster.operator();
        postgresImage = ImagesForTests.postgres(admin);
        new SecureRandom().nextBytes(LAYER);
        // SeaweedFsIdentities takes letters and digits; Login's generated secrets are of that form.
        accessKey = Secret.of("drift" + Login.randomSecret().reveal().replaceAll("[^A-Za-z0-9]", "").substring(0, 12));
        secretKey = Secret.of(Login.randomSecret().reveal().replaceAll("[^A-Za-z0-9]", ""));
        seaweedFs = SeaweedFsOnCluster.start(admin, namespace.name(), accessKey, secretKey);
        admin.resource(new SecretBuilder().withNewMetadata().withName(KEYS).withNamespace(namespace.name()).endMetadata()
                .withStringData(Map.of("accessKey", accessKey.reveal(), "secretKey", secretKey.reveal())).build()).create();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void twoReplicasOnABucketAndPostgresRunAsADeploymentWithoutAClaim() {
        StorageSpec storage = StorageSpec.inBucket(new S3Spec(seaweedFs.endpoint(), null, seaweedFs.bucket(), true,
                PREFIX, null, new S3Credentials(KEYS, null, null)));
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, PullPolicy.NEVER, REPLICAS, storage,
                new PostgresSpec(new ManagedPostgres(postgresImage, null), null), null, null,
                new ServiceSpec(ServiceType.NODE_PORT, null, null));
        Instant created = Instant.now();
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), NAME, spec))).create();

        DriftRegistry ready = Instances.awaitReady(admin, namespace.name(), NAME, Instances.READY_TIMEOUT);
        System.out.printf("MEASURED DriftRegistry s3 + postgres, %d replicas, created -> Ready: %.1f s%n", REPLICAS,
                Duration.between(created, Instant.now()).toMillis() / 1000.0);

        assertThat(ready.getStatus().readyReplicas()).isEqualTo(REPLICAS);
        Deployment deployment = registryDeployment();
        assertThat(deployment).isNotNull();
        assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(REPLICAS);
        assertThat(admin.apps().statefulSets().inNamespace(namespace.name()).withName("drift-scale-registry").get())
                .isNull();
        assertThat(registryPods()).hasSize(REPLICAS);
        assertThat(admin.persistentVolumeClaims().inNamespace(namespace.name()).list().getItems())
                .extracting(PersistentVolumeClaim::getMetadata).extracting(m -> m.getName())
                .containsExactly("data-drift-scale-postgres-0");
        assertThat(admin.configMaps().inNamespace(namespace.name()).withName(ObjectNames.config(NAME)).get().getData()
                .get("drift.toml")).contains("backend = \"s3\"").doesNotContain(secretKey.reveal())
                .doesNotContain(accessKey.reveal());
        for (Pod pod : registryPods()) {
            assertThat(admin.getKubernetesSerialization().asYaml(pod.getSpec())).as(pod.getMetadata().getName())
                    .doesNotContain(secretKey.reveal()).doesNotContain(accessKey.reveal());
        }
        assertThat(ready.getStatus().toString()).doesNotContain(secretKey.reveal());
        assertThat(String.join("\n", Instances.operatorEvents(admin, namespace.name())))
                .contains("Created Deployment drift-scale-registry").doesNotContain(secretKey.reveal());
    }

    @Test
    @Order(2)
    void anImagePushedThroughTheServiceIsServedByEveryPod() throws Exception {
        int nodePort = Instances.get(admin, namespace.name(), NAME).orElseThrow().getStatus().nodePort();
        RegistryHttp service = login(nodePort);
        String manifest = service.pushImage(REPOSITORY, "v1", CONFIG, LAYER);
        String layer = RegistryHttp.digest(LAYER);

        for (int i = 0; i < PULLS_THROUGH_THE_SERVICE; i++) {
            assertPulls(service, manifest, layer, "pull " + i + " through the NodePort");
        }
        Set<String> served = new HashSet<>();
        for (Pod pod : registryPods()) {
            String name = pod.getMetadata().getName();
            try (LocalPortForward forward = admin.pods().inNamespace(namespace.name()).withName(name)
                    .portForward(5000, InetAddress.getLoopbackAddress(), 0)) {
                assertPulls(login(forward.getLocalPort()), manifest, layer, name);
                served.add(name);
            }
        }
        assertThat(served).hasSize(REPLICAS);
        assertThat(seaweedFs.keys(PREFIX)).as("the blobs are in the bucket, under the prefix")
                .contains(PREFIX + "blobs/sha256/" + layer.substring("sha256:".length()));
    }

    /**
     * The credentials Secret is one the resource names, so touching it reconciles the resource; with nothing to
     * change, the Deployment's spec is not written (its generation stays) and no event is recorded.
     */
    @Test
    @Order(3)
    void reconcilesWithNothingToChangeLeaveTheDeploymentAlone() throws Exception {
        Deployment before = registryDeployment();
        List<String> eventsBefore = Instances.operatorEvents(admin, namespace.name());
        long reconciled = operator.successfulReconciles();

        for (int i = 1; i <= 5; i++) {
            String touch = Integer.toString(i);
            admin.secrets().inNamespace(namespace.name()).withName(KEYS).edit(secret -> new SecretBuilder(secret)
                    .editMetadata().addToAnnotations("drift.dev/test-touch", touch).endMetadata().build());
            long target = reconciled + i;
            Eventually.await("reconcile " + target, Duration.ofSeconds(30),
                    () -> reconciles() >= target ? Optional.of(true) : Optional.empty(), () -> reconciles() + " reconciles");
        }

        assertThat(registryDeployment().getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        assertThat(Instances.operatorEvents(admin, namespace.name())).isEqualTo(eventsBefore);
    }

    @Test
    @Order(4)
    void twoReplicasWithBlobsOnTheClaimAreRefusedNamingTheFix() {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, PullPolicy.NEVER, REPLICAS, null,
                new PostgresSpec(new ManagedPostgres(postgresImage, null), null), null, null, null);
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), "onclaim", spec))).create();

        DriftRegistry refused = Instances.awaitCondition(admin, namespace.name(), "onclaim", "Ready", "False",
                "InvalidSpec", Duration.ofMinutes(1));
        Condition ready = refused.getStatus().conditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow();
        assertThat(ready.getMessage()).contains("storage fs").contains("keep the blobs in S3").contains("run 1 replica");
        assertThat(admin.apps().statefulSets().inNamespace(namespace.name()).withName("drift-onclaim-registry").get())
                .isNull();
        assertThat(admin.apps().deployments().inNamespace(namespace.name()).withName("drift-onclaim-registry").get())
                .isNull();
    }

    /**
     * Back to blobs on the claim (one replica): the registry becomes a StatefulSet again and the operator deletes the
     * Deployment it no longer wants.
     */
    @Test
    @Order(5)
    void backOnTheClaimTheDeploymentGivesWayToAStatefulSet() {
        admin.resources(DriftRegistry.class).inNamespace(namespace.name()).withName(NAME).edit(resource -> {
            DriftRegistrySpec was = resource.getSpec();
            resource.setSpec(new DriftRegistrySpec(was.backend(), was.image(), was.imagePullPolicy(), 1,
                    StorageSpec.defaults(), was.postgres(), was.zqlite(), was.auth(), was.service()));
            return resource;
        });

        Eventually.await("the registry's Deployment deleted", Instances.READY_TIMEOUT, () -> Optional.ofNullable(
                        admin.apps().deployments().inNamespace(namespace.name()).withName("drift-scale-registry").get())
                        .isEmpty() ? Optional.of(true) : Optional.empty(), () -> "it is still there");
        // The status of the edited generation: the one before it said Ready too.
        DriftRegistry ready = Eventually.await("Ready on 1 replica for the edited spec", Instances.READY_TIMEOUT,
                () -> Instances.get(admin, namespace.name(), NAME).filter(r -> r.getStatus() != null
                        && r.getMetadata().getGeneration().equals(r.getStatus().observedGeneration())
                        && Integer.valueOf(1).equals(r.getStatus().readyReplicas())
                        && r.getStatus().conditions().stream().anyMatch(c -> c.getType().equals("Ready")
                        && c.getStatus().equals("True"))),
                () -> String.valueOf(Instances.get(admin, namespace.name(), NAME).map(DriftRegistry::getStatus)));
        assertThat(ready.getStatus().readyReplicas()).isEqualTo(1);
        assertThat(admin.apps().statefulSets().inNamespace(namespace.name()).withName("drift-scale-registry").get())
                .isNotNull();
        assertThat(Instances.operatorEvents(admin, namespace.name())).contains(
                "Deleted: Deleted Deployment drift-scale-registry", "Created: Created StatefulSet drift-scale-registry");
    }

    private static void assertPulls(RegistryHttp registry, String manifest, String layer, String as) throws Exception {
        HttpResponse<byte[]> got = registry.manifest(REPOSITORY, "v1");
        assertThat(got.statusCode()).as(as).isEqualTo(200);
        assertThat(RegistryHttp.digest(got.body())).as(as).isEqualTo(manifest);
        HttpResponse<byte[]> blob = registry.blob(REPOSITORY, layer);
        assertThat(blob.statusCode()).as(as).isEqualTo(200);
        assertThat(blob.body()).as(as).isEqualTo(LAYER);
    }

    private static Deployment registryDeployment() {
        return admin.apps().deployments().inNamespace(namespace.name()).withName("drift-scale-registry").get();
    }

    private static long reconciles() {
        try {
            return operator.successfulReconciles();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegistryHttp login(int port) {
        io.fabric8.kubernetes.api.model.Secret generated = admin.secrets().inNamespace(namespace.name())
                .withName(ObjectNames.generatedLogin(NAME)).get();
        return new RegistryHttp(port, decode(generated, ObjectNames.USERNAME_KEY), decode(generated,
                ObjectNames.PASSWORD_KEY));
    }

    private static String decode(io.fabric8.kubernetes.api.model.Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static List<Pod> registryPods() {
        return admin.pods().inNamespace(namespace.name()).withLabels(InstanceLabels.selector(NAME, "registry")).list()
                .getItems().stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }
}
