package dev.drift.ops.operator;

import dev.drift.ops.deploy.ProjectVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar drift-operator.jar}: the operator as a process, in its Deployment (in-cluster
 * credentials) or on a developer's machine (KUBECONFIG). Settings come from the environment
 * ({@link OperatorSettings}); SIGTERM stops it cleanly.
 */
public final class OperatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {
    }

    public static void main(String[] args) throws Exception {
        OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
        KubernetesClient client = new KubernetesClientBuilder().build();
        DriftOperator operator = DriftOperator.start(client, settings, "0.0.0.0");
        LOG.info("drift-operator {} watching DriftRegistries {} in {} (Drift image by default {}); /healthz, /readyz, "
                        + "/metrics on port {}", ProjectVersion.get(), settings.resourceSelector(),
                settings.namespaces().isEmpty() ? "all namespaces" : settings.namespaces(), settings.defaultDriftImage(),
                operator.httpPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                operator.close();
                client.close();
            } catch (Exception e) {
                LOG.warn("stopping: {}", e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "drift-operator-stop"));
        stopped.await();
    }
}
