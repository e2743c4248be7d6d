package dev.drift.ops.registry.http;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The request body and the response body as blocking streams whose failures are the client's: any IOException of
 * the connection becomes a {@link ClientAbortException}, and the request carries its reason for the access log and
 * the metrics. Only failures of these streams are the client's; a blob file that cannot be read stays a server error.
 */
final class ClientStreams {

    /** Request attribute holding the {@link ClientAbortException.Reason} of an exchange the client ended early. */
    static final String CLIENT_ABORT_ATTRIBUTE = "drift.client-abort";

    private ClientStreams() {
    }

    static InputStream body(Request request) {
        return new FilterInputStream(Content.Source.asInputStream(request)) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw aborted(request, e, ClientAbortException::reading);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (IOException e) {
                    throw aborted(request, e, ClientAbortException::reading);
                }
            }
        };
    }

    static OutputStream responseBody(Request request, Response response) {
        return new FilterOutputStream(Content.Sink.asOutputStream(response)) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                try {
                    out.write(buffer, offset, length);
                } catch (IOException e) {
                    throw aborted(request, e, ClientAbortException::writing);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw aborted(request, e, ClientAbortException::writing);
                }
            }
        };
    }

    private static ClientAbortException aborted(Request request, IOException failure,
                                                Function<IOException, ClientAbortException> classifier) {
        ClientAbortException abort = failure instanceof ClientAbortException known ? known : classifier.apply(failure);
        request.setAttribute(CLIENT_ABORT_ATTRIBUTE, abort.reason());
        return abort;
    }
}
