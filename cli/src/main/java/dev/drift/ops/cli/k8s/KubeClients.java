package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A client for the cluster a {@link K8sSettings} names, checked to answer before anything is asked of it. */
final class KubeClients {

    /** Short, so that "no cluster" is said within seconds rather than after the client's minutes of retries. */
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int REQUEST_TIMEOUT_MS = 30_000;

    private KubeClients() {
    }

    static KubernetesClient connect(K8sSettings settings) {
        Config config = config(settings);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        config.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            client.close();
            throw CliException.provisioning("no Kubernetes API server answers at " + config.getMasterUrl() + " ("
                    + where(settings) + "): " + rootMessage(e) + ". Start the local cluster with "
                    + "scripts/local-cluster.sh up and export KUBECONFIG=$(scripts/local-cluster.sh kubeconfig), "
                    + "or pass --kubeconfig");
        }
        return client;
    }

    private static Config config(K8sSettings settings) {
        if (settings.kubeconfig().isEmpty()) {
            return Config.autoConfigure(null);
        }
        Path file = settings.kubeconfig().get();
        try {
            return Config.fromKubeconfig(null, Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw CliException.io("cannot read the kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    private static String where(K8sSettings settings) {
        return settings.kubeconfig().map(file -> "kubeconfig " + file)
                .orElseGet(() -> System.getenv("KUBECONFIG") != null ? "$KUBECONFIG=" + System.getenv("KUBECONFIG")
                        : "~/.kube/config or the in-cluster account");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
