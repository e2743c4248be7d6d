package dev.drift.ops.registry.http;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps the connection sound when a handler answers without reading the request body (a 416 for a chunk out of
 * order, a 401, a 404: issue 11, defect 3). Left alone, Jetty discards an unread body only as far as it has
 * already arrived when the exchange ends, and otherwise closes the connection hard after a response that did not
 * say so: the client's next request on it fails (Go: {@code EOF}, {@code broken pipe}).
 *
 * <p>So before the response commits, what is left of the body is read and discarded, up to
 * {@link #DRAIN_LIMIT_BYTES}, waiting for it without holding a thread. A larger body, or one whose reading failed
 * (the client went away or stalled), gets {@code Connection: close} on the response instead, and the exchange
 * ends only once what the client still sends has been read (up to {@link #LINGER_LIMIT_BYTES}): Jetty would reset
 * a connection closed with unread bytes, failing the client's write before it could read the answer.
 */
public final class UnreadBodyHandler extends Handler.Wrapper {

    /** Drained rather than refused: a few of the chunks clients send (the suite's are 64 KiB), cheap next to a new connection. */
    static final long DRAIN_LIMIT_BYTES = 1024 * 1024;
    /**
     * What is still read after a {@code Connection: close} answer: a client that reads the answer stops sending long
     * before (Go's transport closes the connection as soon as it has the response); one that does not is cut off.
     */
    static final long LINGER_LIMIT_BYTES = 64 * 1024 * 1024;

    public UnreadBodyHandler(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        TrackedRequest tracked = new TrackedRequest(request);
        return super.handle(tracked, new DrainingResponse(tracked, response), callback);
    }

    /** Remembers whether the body has been read to its end, through the handler's reads or the drain's. */
    private static final class TrackedRequest extends Request.Wrapper {
        private volatile boolean ended;
        private volatile boolean failed;

        TrackedRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                failed |= Content.Chunk.isFailure(chunk);
                ended |= chunk.isLast();
            }
            return chunk;
        }
    }

    /**
     * Holds the first write, which commits the response, until the body is drained or given up on; once given up on,
     * the exchange ends only after the rest of the body, so that Jetty does not reset a connection the client is still
     * writing to.
     */
    private static final class DrainingResponse extends Response.Wrapper {
        private final TrackedRequest request;
        private boolean prepared;
        private boolean closing;

        DrainingResponse(TrackedRequest request, Response wrapped) {
            super(request, wrapped);
            this.request = request;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (!prepared && !isCommitted()) {
                prepared = true;
                prepare(() -> write(last, content, callback));
                return;
            }
            super.write(last, content, last && closing ? lingering(callback) : callback);
        }

        private void prepare(Runnable commit) {
            if (request.failed) {
                closeAfterResponse();
                commit.run();
                return;
            }
            new Drain(request, DRAIN_LIMIT_BYTES, drained -> {
                if (!drained) {
                    closeAfterResponse();
                }
                commit.run();
            }).run();
        }

        private void closeAfterResponse() {
            closing = true;
            getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }

        /** Completes {@code callback} once what the client still sends after the answer is read, up to a bound. */
        private Callback lingering(Callback callback) {
            return Callback.from(() -> new Drain(request, LINGER_LIMIT_BYTES, drained -> callback.succeeded()).run(),
                    callback::failed);
        }
    }

    /** Reads and discards the rest of a body, resuming on Jetty's demand callback whenever nothing has arrived yet. */
    private static final class Drain implements Runnable {
        private final TrackedRequest request;
        private final long limit;
        private final Outcome outcome;
        private long discarded;

        Drain(TrackedRequest request, long limit, Outcome outcome) {
            this.request = request;
            this.limit = limit;
            this.outcome = outcome;
        }

        @Override
        public void run() {
            while (!request.ended) {
                if (request.failed || discarded > limit) {
                    outcome.done(false);
                    return;
                }
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                discarded += chunk.remaining();
                chunk.release();
            }
            outcome.done(!request.failed);
        }
    }

    @FunctionalInterface
    private interface Outcome {
        /** {@code drained}: the body was read to its end, so the connection can serve the next request. */
        void done(boolean drained);
    }
}
