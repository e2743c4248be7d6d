package dev.drift.ops.operator.reconcile;

import dev.drift.ops.deploy.DriftComponent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a running but unready Drift pod why, by reading its readiness endpoint through the API
 * server's pod proxy (which works wherever the operator runs, in the cluster or on a developer's
 * machine): Drift answers 503 with what failed, e.g. "metadata database: connection refused".
 * The kubelet's own probe events carry only the status code.
 */
public final class DriftReadiness {

    private static final int MAX_MESSAGE = 300;
    private static final long ASK_TIMEOUT_SECONDS = 10;
    private static final String NOT_READY_PREFIX = "Not Ready: ";

    private final KubernetesClient client;

    public DriftReadiness(KubernetesClient client) {
        this.client = client;
    }

    /** Empty when the pod says it is ready, or cannot be asked. */
    public Optional<String> whyNotReady(Pod pod, DriftComponent registry) {
        String path = registry.readiness().httpPath().orElseThrow();
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
                + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName() + ":" + registry.port()
                + "/proxy" + path;
        try {
            HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).build();
            HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class)
                    .get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String body = Optional.ofNullable(response.body()).orElse("").strip();
            if (response.code() == 200) {
                return Optional.empty();
            }
            if (body.startsWith(NOT_READY_PREFIX)) {
                return Optional.of(shorten(body.substring(NOT_READY_PREFIX.length())));
            }
            return Optional.of(path + " answered " + response.code() + " through the API server's proxy");
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }
}
