package dev.drift.ops.registry.http;

import dev.drift.ops.registry.auth.AuthHandler;
import dev.drift.ops.registry.ops.RegistryMetrics;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Holds the APIs (/v2 and /v1) to {@link RequestQuota}: per authenticated user, or per client address when auth is
 * off. Past the allowance the answer is 429 with {@code Retry-After} and the spec's TOOMANYREQUESTS body. Health,
 * readiness and metrics are never limited, so probes and scrapers keep working under load.
 */
public final class RateLimitHandler extends Handler.Wrapper {

    private final RequestQuota quota;
    private final long perHour;
    private final RegistryMetrics metrics;

    public RateLimitHandler(Handler next, long perHour, RegistryMetrics metrics) {
        super(next);
        this.quota = new RequestQuota(perHour);
        this.perHour = perHour;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!ApiPaths.isApi(path)) {
            return super.handle(request, response, callback);
        }
        Object user = request.getAttribute(AuthHandler.USER_ATTRIBUTE);
        String client = user != null ? "user:" + user : "address:" + Request.getRemoteAddr(request);
        OptionalLong retryAfter = quota.take(client);
        if (retryAfter.isEmpty()) {
            return super.handle(request, response, callback);
        }
        metrics.recordRateLimited(user != null ? "user" : "address");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
        return ErrorAnswer.send(response, callback, 429, "TOOMANYREQUESTS", "too many requests", "at most " + perHour
                + " requests an hour ([registry] rate_limit_per_hour); retry in " + retryAfter.getAsLong() + " s");
    }
}
