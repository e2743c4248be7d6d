package dev.drift.ops.operator.it;

import dev.drift.ops.operator.DriftOperator;
import dev.drift.ops.operator.OperatorSettings;
import dev.drift.ops.operator.crd.AuthSpec;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.operator.install.OperatorInstall;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The operator running in the test's JVM against the real cluster, authenticated as its
 * ServiceAccount with exactly the Role {@link OperatorInstall} grants in the test's namespace:
 * anything the code asks beyond those rules fails with 403 here. It has an operator class of its
 * own, so it is the only operator that reconciles the tests' resources.
 */
final class OperatorUnderTest implements AutoCloseable {

    private final KubernetesClient client;
    private final DriftOperator operator;
    /** Long enough for a running operator with a synced cache to reconcile a new resource. */
    private static final Duration OTHER_OPERATOR_GRACE = Duration.ofSeconds(8);

    private final String operatorClass;
    private final HttpClient http = HttpClient.newHttpClient();

    private OperatorUnderTest(KubernetesClient client, DriftOperator operator, String operatorClass) {
        this.client = client;
        this.operator = operator;
        this.operatorClass = operatorClass;
    }

    /**
     * {@code resource}, addressed to this operator alone by its class label: an operator the cluster
     * runs for everyone (drift-ops up --target k8s installs one) leaves it be.
     */
    DriftRegistry ours(DriftRegistry resource) {
        resource.getMetadata().setLabels(Map.of(OperatorSettings.CLASS_LABEL, operatorClass));
        return resource;
    }

    static OperatorUnderTest start(KubernetesClient admin, String namespace, String driftImage) throws Exception {
        OperatorInstall install = new OperatorInstall(namespace, "unused", "Never", Set.of(namespace));
        for (HasMetadata object : install.objects()) {
            if (object instanceof ServiceAccount || object instanceof Role || object instanceof RoleBinding) {
                admin.resource(object).fieldManager(RealCluster.FIELD_MANAGER).forceConflicts().serverSideApply();
            }
        }
        String token = admin.serviceAccounts().inNamespace(namespace).withName(OperatorInstall.NAME)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config adminConfig = admin.getConfiguration();
        Config asOperator = new ConfigBuilder()
                .withMasterUrl(adminConfig.getMasterUrl())
                .withCaCertData(adminConfig.getCaCertData())
                .withCaCertFile(adminConfig.getCaCertFile())
                .withOauthToken(token)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(asOperator).build();
        String operatorClass = "it-" + UUID.randomUUID().toString().substring(0, 8);
        requireNoOtherOperator(admin, namespace, operatorClass);
        DriftOperator operator = DriftOperator.start(client, new OperatorSettings(Set.of(namespace), 0, driftImage,
                Optional.of(operatorClass)), "127.0.0.1");
        return new OperatorUnderTest(client, operator, operatorClass);
    }

    /**
     * An operator that ignores classes (one built before they existed, still running in the cluster)
     * would reconcile the tests' resources too, under the same field manager, and the two would undo
     * each other's writes. So a resource of this class is put up first: if anything writes its status
     * before this operator runs, the test cannot be told apart from that other operator's work.
     */
    private static void requireNoOtherOperator(KubernetesClient admin, String namespace, String operatorClass)
            throws InterruptedException {
        DriftRegistry probe = new DriftRegistry(namespace, "class-probe", new DriftRegistrySpec(Backend.SQLITE, null, null,
                null, null, null, null, new AuthSpec("no-such-secret"), null));
        probe.getMetadata().setLabels(Map.of(OperatorSettings.CLASS_LABEL, operatorClass));
        admin.resource(probe).create();
        try {
            Thread.sleep(OTHER_OPERATOR_GRACE.toMillis());
            DriftRegistry seen = admin.resource(probe).get();
            if (seen != null && seen.getStatus() != null) {
                RealTools.unavailable("another operator reconciles DriftRegistries of class " + operatorClass
                        + " (it wrote " + seen.getStatus().conditions().stream().map(c -> c.getType() + "=" + c.getReason())
                        .toList() + "): one that predates operator classes; update or remove it (kubectl get deploy -A "
                        + "-l app.kubernetes.io/name=drift-operator)");
            }
        } finally {
            admin.resource(probe).delete();
        }
    }

    /** Reconciles that finished without an exception so far (JOSDK's own counter, read from /metrics). */
    long successfulReconciles() throws IOException, InterruptedException {
        return (long) metric("operator_sdk_reconciliations_success_total");
    }

    /** Reconciles that threw (an exception JOSDK retried). */
    long failedReconciles() throws IOException, InterruptedException {
        return (long) metric("operator_sdk_reconciliations_failed_total");
    }

    String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double metric(String name) throws IOException, InterruptedException {
        return get("/metrics").lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Override
    public void close() throws Exception {
        try {
            operator.close();
        } finally {
            client.close();
        }
    }
}
