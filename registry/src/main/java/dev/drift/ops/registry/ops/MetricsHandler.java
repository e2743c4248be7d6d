package dev.drift.ops.registry.ops;

import java.io.ByteArrayOutputStream;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import dev.drift.ops.registry.http.Exchange;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

/** Serves the metrics in the Prometheus text format. */
public final class MetricsHandler extends Handler.Abstract {

    private final RegistryMetrics metrics;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsHandler(RegistryMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Exchange exchange = new Exchange(request, response, callback);
        exchange.route("/metrics");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        writer.write(text, metrics.registry().scrape());
        exchange.status(200).send(writer.getContentType(), text.toByteArray());
        return true;
    }
}
