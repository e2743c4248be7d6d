package dev.drift.ops.operator;

import dev.drift.ops.operator.model.InstanceRenderer;
import dev.drift.ops.operator.reconcile.DriftReadiness;
import dev.drift.ops.operator.reconcile.DriftRegistryReconciler;
import dev.drift.ops.operator.reconcile.EventRecorder;
import dev.drift.ops.operator.reconcile.ServerSideApplier;
import dev.drift.ops.operator.reconcile.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * One running operator: JOSDK with the DriftRegistry reconciler, its metrics, and its HTTP
 * endpoints. {@link OperatorMain} runs one as a process; the integration tests run one in-process
 * against a real cluster.
 */
public final class DriftOperator implements AutoCloseable {

    private final Operator operator;
    private final OperatorHttp http;

    private DriftOperator(Operator operator, OperatorHttp http) {
        this.operator = operator;
        this.http = http;
    }

    /** Starts watching and reconciling; the HTTP endpoints listen on {@code httpHost:settings.httpPort()}. */
    public static DriftOperator start(KubernetesClient client, OperatorSettings settings, String httpHost) throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Operator operator = new Operator(configuration -> configuration
                .withKubernetesClient(client)
                .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics))
                .withCloseClientOnStop(false));
        Clock clock = Clock.systemUTC();
        DriftRegistryReconciler reconciler = new DriftRegistryReconciler(
                new InstanceRenderer(settings.defaultDriftImage()), new ServerSideApplier(client),
                new EventRecorder(client, clock, instanceId()), new DriftReadiness(client), new StatusWriter(client), clock);
        operator.register(reconciler, configuration -> {
            configuration.withLabelSelector(settings.resourceSelector());
            if (settings.namespaces().isEmpty()) {
                configuration.watchingAllNamespaces();
            } else {
                configuration.settingNamespaces(settings.namespaces());
            }
        });
        OperatorHttp http = OperatorHttp.start(httpHost, settings.httpPort(), operator, metrics);
        operator.start();
        return new DriftOperator(operator, http);
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() throws Exception {
        try {
            operator.stop();
        } finally {
            http.close();
        }
    }

    /** Which operator process wrote an event (the pod's name in a cluster). */
    private static String instanceId() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "drift-operator";
        }
    }
}
