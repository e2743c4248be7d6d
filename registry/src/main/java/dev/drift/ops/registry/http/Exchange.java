package dev.drift.ops.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import dev.drift.ops.registry.blob.StreamCopy;

/**
 * One request and its response, for handlers written in plain blocking style (they run on virtual
 * threads). Every exchange ends with exactly one of the {@code send...} or {@link #stream} calls, which
 * complete Jetty's callback.
 */
public final class Exchange {

    /** Request attribute holding the route template (e.g. {@code /v2/{name}/blobs/{digest}}) for logs and metrics. */
    public static final String ROUTE_ATTRIBUTE = "drift.route";

    private final Request request;
    private final Response response;
    private final Callback callback;
    private Fields query;

    public Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String method() {
        return request.getMethod();
    }

    public boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    public String path() {
        return request.getHttpURI().getPath();
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query.getValue(name);
    }

    /** Every value of a repeated query parameter, in order; empty when absent. */
    public List<String> queryValues(String name) {
        query(name);
        List<String> values = query.getValues(name);
        return values == null ? List.of() : values;
    }

    /** Declared Content-Length, or -1 when the client streams without one. */
    public long contentLength() {
        return request.getLength();
    }

    /**
     * The request body as a blocking stream; the caller reads it at most once. A failure to read it is the client's:
     * a {@link ClientAbortException}.
     */
    public InputStream body() {
        return ClientStreams.body(request);
    }

    /** Names the route for logs and metrics; handlers call it as soon as they know it. */
    public void route(String template) {
        request.setAttribute(ROUTE_ATTRIBUTE, template);
    }

    public Exchange status(int status) {
        response.setStatus(status);
        return this;
    }

    public Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public Exchange header(String name, long value) {
        response.getHeaders().put(name, Long.toString(value));
        return this;
    }

    /** Ends the exchange with no body. */
    public void send() {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, null, callback);
    }

    /** Ends the exchange with a body held in memory (small documents only: JSON, errors, text). */
    public void send(String contentType, byte[] body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.length);
        response.write(true, isHead() ? null : ByteBuffer.wrap(body), callback);
    }

    public void sendText(String text) {
        send("text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendJson(byte[] json) {
        send("application/json", json);
    }

    /**
     * Ends the exchange by copying {@code length} bytes of {@code content} to the client, blocking this
     * (virtual) thread while the network drains; HEAD sends only the headers. A failure to write is the client's:
     * a {@link ClientAbortException}. When this throws, the exchange is not yet ended: the caller answers or aborts.
     */
    public void stream(String contentType, long length, InputStream content) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        if (isHead()) {
            response.write(true, null, callback);
            return;
        }
        // On a failure the caller's error mapping ends the exchange (abort() once committed); failing the callback
        // here as well would end it twice, and log and count it twice.
        try (OutputStream out = ClientStreams.responseBody(request, response)) {
            StreamCopy.copy(content, out, length);
        }
        callback.succeeded();
    }

    /** Fails the exchange after a response was partly written; Jetty aborts the connection. */
    public void abort(Throwable cause) {
        callback.failed(cause);
    }

    public boolean isCommitted() {
        return response.isCommitted();
    }
}
