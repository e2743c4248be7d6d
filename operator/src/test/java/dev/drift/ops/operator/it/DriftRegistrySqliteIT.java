package dev.drift.ops.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.operator.crd.AuthSpec;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.PullPolicy;
import dev.drift.ops.operator.crd.Reclaim;
import dev.drift.ops.operator.crd.StorageSpec;
import dev.drift.ops.operator.crd.ServiceSpec;
import dev.drift.ops.operator.crd.ServiceType;
import dev.drift.ops.operator.model.ConfigHash;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One SQLite DriftRegistry through its life on the real cluster, with the operator in this JVM
 * under its own RBAC: Ready, reachable through its NodePort on 127.0.0.1 with the login its Secret
 * holds; fifty reconciles that change nothing write nothing; a new password rolls the pod and the
 * blobs stay; deleting the resource removes what the operator made and keeps the data claim, unless
 * its storage says Delete.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftRegistrySqliteIT {

    private static final String NAME = "it";
    private static final String LOGIN = "login";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] BLOB = "a blob that must survive the roll\n".getBytes(StandardCharsets.UTF_8);

    private static OperatorOnCluster cluster;
    private static KubernetesClient admin;
    private static String driftImage;
    private static TestNamespace namespace;
    private static OperatorUnderTest operator;
    private static int nodePort;

    @BeforeAll
    static void startOperator() throws Exception {
        cluster = OperatorOnCluster.start("sqlite");
        admin = cluster.admin();
        driftImage = cluster.driftImage();
        namespace = cluster.namespace();
        operator = cluster.operator();
        setLogin("ci", "first-password");
    }

    @AfterAll
    static void stopOperator() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aSqliteRegistryBecomesReadyAndAnswersWithItsLogin() throws Exception {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.SQLITE, null, PullPolicy.NEVER, null, null, null, null,
                new AuthSpec(LOGIN), new ServiceSpec(ServiceType.NODE_PORT, null, null));
        Instant created = Instant.now();
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), NAME, spec))).create();

        DriftRegistry ready = Instances.awaitReady(admin, namespace.name(), NAME, Instances.READY_TIMEOUT);
        System.out.printf("MEASURED DriftRegistry sqlite created -> Ready: %.1f s%n",
                Duration.between(created, Instant.now()).toMillis() / 1000.0);

        assertThat(ready.getStatus().endpoint()).isEqualTo("http://drift-it-registry." + namespace.name() + ".svc:5000");
        assertThat(ready.getStatus().observedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().conditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Ready=True/Ready", "BackendReady=True/Embedded", "ConfigRendered=True/Rendered");
        nodePort = ready.getStatus().nodePort();
        assertThat(get("/v2/", Optional.empty()).statusCode()).isEqualTo(401);
        assertThat(get("/v2/", Optional.of("ci:first-password")).statusCode()).isEqualTo(200);
        assertThat(Instances.operatorEvents(admin, namespace.name())).contains(
                "Created: Created Secret drift-it-basic-users", "Created: Created ConfigMap drift-it-config",
                "Created: Created StatefulSet drift-it-registry", "Created: Created Service drift-it-registry");
    }

    @Test
    @Order(2)
    void fiftyReconcilesOfTheUnchangedResourceWriteNothing() throws Exception {
        Map<String, String> before = Instances.resourceVersions(admin, namespace.name());
        List<String> eventsBefore = Instances.operatorEvents(admin, namespace.name());
        long reconciled = operator.successfulReconciles();
        long failed = operator.failedReconciles();

        // Each touch of the login Secret's annotations (not its content) makes the operator reconcile the
        // resource that names it, with nothing to change.
        for (int i = 1; i <= 50; i++) {
            String touch = Integer.toString(i);
            admin.secrets().inNamespace(namespace.name()).withName(LOGIN)
                    .edit(secret -> new SecretBuilder(secret).editMetadata()
                            .addToAnnotations("drift.dev/test-touch", touch).endMetadata().build());
            long target = reconciled + i;
            Eventually.await("reconcile " + target, Duration.ofSeconds(30),
                    () -> reconciles() >= target ? Optional.of(true) : Optional.empty(), () -> reconciles() + " reconciles");
        }

        assertThat(operator.successfulReconciles()).isGreaterThanOrEqualTo(reconciled + 50);
        assertThat(operator.failedReconciles()).isEqualTo(failed);
        assertThat(Instances.resourceVersions(admin, namespace.name())).isEqualTo(before);
        assertThat(Instances.operatorEvents(admin, namespace.name())).isEqualTo(eventsBefore);
    }

    @Test
    @Order(3)
    void aNewPasswordRollsTheDriftPodAndTheBlobsStay() throws Exception {
        String digest = new RegistryHttp(nodePort, "ci", "first-password").pushBlob("it/blob", BLOB);
        Pod before = registryPod();

        setLogin("ci", "second-password");

        Eventually.await("a new Drift pod", Instances.READY_TIMEOUT, () -> Optional.ofNullable(registryPod())
                .filter(pod -> !pod.getMetadata().getUid().equals(before.getMetadata().getUid())), () -> "the old pod");
        Instances.awaitReady(admin, namespace.name(), NAME, Instances.READY_TIMEOUT);
        assertThat(registryPod().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION))
                .isNotEqualTo(before.getMetadata().getAnnotations().get(ConfigHash.ANNOTATION));
        // kube-proxy routes to the new pod a moment after it is ready.
        Eventually.await("the new pod behind the NodePort", Duration.ofSeconds(30), () -> answers("/v2/",
                Optional.of("ci:second-password")).filter(code -> code == 200), () -> "no answer");
        assertThat(get("/v2/", Optional.of("ci:first-password")).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> blob = HTTP.send(request("/v2/it/blob/blobs/" + digest, Optional.of("ci:second-password"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(BLOB);
        assertThat(Instances.operatorEvents(admin, namespace.name())).contains("Updated: Updated Secret drift-it-basic-users",
                "Updated: Updated StatefulSet drift-it-registry");
    }

    @Test
    @Order(4)
    void deletingTheResourceRemovesWhatItMadeAndKeepsTheDataClaim() {
        admin.resources(DriftRegistry.class).inNamespace(namespace.name()).withName(NAME).delete();

        Eventually.await("everything the operator made gone", Duration.ofMinutes(2), () -> {
            Map<String, String> left = Instances.resourceVersions(admin, namespace.name());
            return left.keySet().stream().allMatch(key -> key.startsWith("PersistentVolumeClaim/"))
                    ? Optional.of(left) : Optional.empty();
        }, () -> Instances.resourceVersions(admin, namespace.name()).keySet().toString());
        assertThat(admin.secrets().inNamespace(namespace.name()).withName(LOGIN).get()).as("the user's own Secret").isNotNull();
        assertThat(admin.persistentVolumeClaims().inNamespace(namespace.name()).withName("data-drift-it-registry-0").get())
                .as("the data claim").isNotNull();
    }

    @Test
    @Order(5)
    void aResourceWhoseStorageSaysDeleteTakesItsClaimWithIt() {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.SQLITE, null, PullPolicy.NEVER, null,
                new StorageSpec(null, null, Reclaim.DELETE), null, null, null, null);
        admin.resource(operator.ours(new DriftRegistry(namespace.name(), "gone", spec))).create();
        Instances.awaitReady(admin, namespace.name(), "gone", Instances.READY_TIMEOUT);
        assertThat(admin.persistentVolumeClaims().inNamespace(namespace.name()).withName("data-drift-gone-registry-0").get())
                .isNotNull();

        admin.resources(DriftRegistry.class).inNamespace(namespace.name()).withName("gone").delete();

        Eventually.await("the claim deleted with its StatefulSet", Duration.ofMinutes(2), () -> Optional.ofNullable(
                admin.persistentVolumeClaims().inNamespace(namespace.name()).withName("data-drift-gone-registry-0").get())
                .isEmpty() ? Optional.of(true) : Optional.empty(), () -> "the claim is still there");
        assertThat(admin.persistentVolumeClaims().inNamespace(namespace.name()).withName("data-drift-it-registry-0").get())
                .as("the other instance's retained claim").isNotNull();
    }

    private static long reconciles() {
        try {
            return operator.successfulReconciles();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLogin(String user, String password) {
        admin.resource(new SecretBuilder().withNewMetadata().withName(LOGIN).withNamespace(namespace.name()).endMetadata()
                .withStringData(Map.of("username", user, "password", password)).build())
                .fieldManager(RealCluster.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private static Pod registryPod() {
        return admin.pods().inNamespace(namespace.name()).withName("drift-it-registry-0").get();
    }

    private static HttpRequest.Builder request(String path, Optional<String> login) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort + path))
                .timeout(Duration.ofSeconds(20));
        login.ifPresent(l -> builder.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(l.getBytes(StandardCharsets.UTF_8))));
        return builder;
    }

    private static HttpResponse<String> get(String path, Optional<String> login) throws Exception {
        return HTTP.send(request(path, login).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<Integer> answers(String path, Optional<String> login) {
        try {
            return Optional.of(get(path, login).statusCode());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
