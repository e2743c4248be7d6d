package dev.drift.ops.operator;

import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The operator's own endpoints, for its Deployment's probes and for Prometheus: {@code /healthz}
 * (200 once the operator started), {@code /readyz} (200 while every watch is healthy, else 503
 * naming the unhealthy ones) and {@code /metrics} (JOSDK's reconcile metrics, Prometheus text).
 */
public final class OperatorHttp implements AutoCloseable {

    public static final String HEALTH_PATH = "/healthz";
    public static final String READY_PATH = "/readyz";
    public static final String METRICS_PATH = "/metrics";

    private final Server jetty;
    private final ServerConnector connector;

    private OperatorHttp(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    /** Listens on {@code host:port} (port 0: any free one). */
    public static OperatorHttp start(String host, int port, Operator operator, PrometheusMeterRegistry metrics)
            throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new Endpoints(operator, metrics));
        jetty.start();
        return new OperatorHttp(jetty, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    private static final class Endpoints extends Handler.Abstract {
        private final Operator operator;
        private final PrometheusMeterRegistry metrics;

        Endpoints(Operator operator, PrometheusMeterRegistry metrics) {
            this.operator = operator;
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            switch (path) {
                case HEALTH_PATH -> send(response, callback, operator.getRuntimeInfo().isStarted() ? 200 : 503,
                        operator.getRuntimeInfo().isStarted() ? "ok" : "starting", "text/plain");
                case READY_PATH -> {
                    boolean ready = operator.getRuntimeInfo().isStarted()
                            && operator.getRuntimeInfo().allEventSourcesAreHealthy();
                    send(response, callback, ready ? 200 : 503, ready ? "ready"
                            : "not ready: " + operator.getRuntimeInfo().unhealthyEventSources().keySet(), "text/plain");
                }
                case METRICS_PATH -> send(response, callback, 200, metrics.scrape(), "text/plain; version=0.0.4");
                default -> send(response, callback, 404, "not found", "text/plain");
            }
            return true;
        }

        private static void send(Response response, Callback callback, int status, String body, String type) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
