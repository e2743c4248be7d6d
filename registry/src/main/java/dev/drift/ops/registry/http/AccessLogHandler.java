package dev.drift.ops.registry.http;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.drift.ops.registry.auth.AuthHandler;
import dev.drift.ops.registry.ops.RegistryMetrics;

/**
 * Outermost handler: counts the bytes each request moves and, when the response completes, writes one
 * structured log line and records the request's metrics. Only the path is logged, never the query
 * string or headers, so credentials and upload parameters stay out of the log. An exchange the client ended early
 * is logged at INFO with its reason and no stack trace, and counted apart from server errors.
 */
public final class AccessLogHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger("drift.access");
    private static final String UNMATCHED_ROUTE = "unmatched";

    private final RegistryMetrics metrics;

    public AccessLogHandler(Handler next, RegistryMetrics metrics) {
        super(next);
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        CountingRequest countingRequest = new CountingRequest(request);
        CountingResponse countingResponse = new CountingResponse(countingRequest, response);
        Callback completion = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(countingRequest, countingResponse, started, null);
                super.succeeded();
            }

            @Override
            public void failed(Throwable cause) {
                record(countingRequest, countingResponse, started, cause);
                super.failed(cause);
            }
        };
        return super.handle(countingRequest, countingResponse, completion);
    }

    private void record(CountingRequest request, CountingResponse response, long started, Throwable failure) {
        double seconds = (System.nanoTime() - started) / 1e9;
        Object routeAttribute = request.getAttribute(Exchange.ROUTE_ATTRIBUTE);
        String route = routeAttribute == null ? UNMATCHED_ROUTE : routeAttribute.toString();
        int status = response.getStatus();
        metrics.recordRequest(route, request.getMethod(), status, seconds, request.received.sum(), response.sent.sum());
        ClientAbortException.Reason clientAbort = clientAbort(request, failure);
        if (clientAbort != null) {
            metrics.recordClientAbort(route, clientAbort.label());
        }
        boolean serverFailure = status >= 500 || (failure != null && clientAbort == null);
        var line = (serverFailure ? LOG.atWarn() : LOG.atInfo())
                .addKeyValue("method", request.getMethod())
                .addKeyValue("path", request.getHttpURI().getPath())
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", Math.round(seconds * 1000))
                .addKeyValue("bytes_in", request.received.sum())
                .addKeyValue("bytes_out", response.sent.sum())
                .addKeyValue("remote", Request.getRemoteAddr(request));
        Object user = request.getAttribute(AuthHandler.USER_ATTRIBUTE);
        if (user != null) {
            line = line.addKeyValue("user", user);
        }
        if (clientAbort != null) {
            // The client's doing: its reason says all there is, a stack trace would only bury the server's own errors.
            line = line.addKeyValue("client_abort", clientAbort.label());
        } else if (failure != null) {
            line = line.addKeyValue("error", failure.getClass().getSimpleName()).setCause(failure);
        }
        line.log("{} {} {} {}ms", request.getMethod(), request.getHttpURI().getPath(), status, Math.round(seconds * 1000));
    }

    /**
     * Why the client ended the exchange early, or null: what the API's streams recorded, or Jetty failing to send a
     * response because the connection was closed under it.
     */
    private static ClientAbortException.Reason clientAbort(Request request, Throwable failure) {
        if (request.getAttribute(ClientStreams.CLIENT_ABORT_ATTRIBUTE) instanceof ClientAbortException.Reason reason) {
            return reason;
        }
        return failure instanceof EofException ? ClientAbortException.Reason.DISCONNECTED : null;
    }

    private static final class CountingRequest extends Request.Wrapper {
        private final LongAdder received = new LongAdder();

        CountingRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.hasRemaining()) {
                received.add(chunk.remaining());
            }
            return chunk;
        }
    }

    private static final class CountingResponse extends Response.Wrapper {
        private final LongAdder sent = new LongAdder();

        CountingResponse(Request request, Response wrapped) {
            super(request, wrapped);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (content != null) {
                sent.add(content.remaining());
            }
            super.write(last, content, callback);
        }
    }
}
