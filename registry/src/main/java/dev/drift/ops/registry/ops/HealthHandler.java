package dev.drift.ops.registry.ops;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import dev.drift.ops.registry.http.Exchange;

/**
 * /health and /healthz (the name upstream Drift and Kubernetes users expect): answers while the process lives,
 * whatever its dependencies do (a liveness probe). Mapped to exact paths only, so the route is the path.
 */
public final class HealthHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        exchange.route(exchange.path());
        exchange.status(200).sendText("OK");
        return true;
    }
}
