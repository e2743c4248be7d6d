package dev.drift.ops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The endpoints of an operator that has not started (no cluster needed): alive-but-starting, not ready, metrics served. */
class OperatorHttpTest {

    @Test
    void anOperatorThatHasNotStartedIsNeitherHealthyNorReadyButServesMetrics() throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.counter("drift_test_total").increment();
        try (KubernetesClient nowhere = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:9").build()).build();
             OperatorHttp http = OperatorHttp.start("127.0.0.1", 0, new Operator(o -> o.withKubernetesClient(nowhere)),
                     metrics)) {
            HttpClient client = HttpClient.newHttpClient();

            assertThat(get(client, http, "/healthz").statusCode()).isEqualTo(503);
            assertThat(get(client, http, "/readyz").statusCode()).isEqualTo(503);
            HttpResponse<String> scraped = get(client, http, "/metrics");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(scraped.body()).contains("drift_test_total 1.0");
            assertThat(get(client, http, "/other").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(HttpClient client, OperatorHttp http, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
