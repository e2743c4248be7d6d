package dev.drift.ops.registry.http;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * The client, not the server, ended an exchange early: it closed the connection mid-body (or mid-response), or
 * stopped sending its body for longer than the idle timeout. Answered with a 4xx, logged without a stack trace and
 * counted apart from server errors (issue 11, defect 7).
 */
public final class ClientAbortException extends IOException {

    /** Why the exchange ended; the name is the {@code reason} label of {@code drift_http_client_aborts_total}. */
    public enum Reason {
        DISCONNECTED(400, "disconnected"),
        STALLED(408, "stalled");

        private final int status;
        private final String label;

        Reason(int status, String label) {
            this.status = status;
            this.label = label;
        }

        /** What the client is answered, should it still be listening. */
        public int status() {
            return status;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    private ClientAbortException(Reason reason, String message, IOException cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A failed read of the request body: Jetty reports a stall as a TimeoutException inside the IOException. */
    static ClientAbortException reading(IOException cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new ClientAbortException(Reason.STALLED, "the request body stopped arriving (idle timeout)", cause);
            }
        }
        return new ClientAbortException(Reason.DISCONNECTED, "the request body ended before its declared length", cause);
    }

    /** A failed write of the response: the connection is gone. */
    static ClientAbortException writing(IOException cause) {
        return new ClientAbortException(Reason.DISCONNECTED, "the client closed the connection during the response", cause);
    }

    public Reason reason() {
        return reason;
    }
}
