package dev.drift.ops.registry.oci;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to requests Jetty refuses before any handler sees them (ambiguous or malformed paths such as
 * {@code %2F}, {@code %2e%2e}, {@code %00} or {@code %zz} in a segment, headers too large): the spec's JSON error
 * body instead of Jetty's HTML page. Such a request is often answered through a stand-in request whose path is
 * not the client's, so the page cannot tell /v2 from the rest; it answers JSON everywhere, which every API of this
 * server speaks.
 */
public final class OciErrorPage extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) throws IOException {
        byte[] body = OciErrorBody.json(errorFor(status), message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * What Jetty refuses on its own is the path (a 400 on a segment, a 414 on its length): under /v2 the path is
     * the repository name and reference, so NAME_INVALID says what is wrong; anything else is UNSUPPORTED or,
     * for a server-side failure, UNAVAILABLE.
     */
    static OciError errorFor(int status) {
        if (status == 400 || status == 414) {
            return OciError.NAME_INVALID;
        }
        return status >= 500 ? OciError.UNAVAILABLE : OciError.UNSUPPORTED;
    }
}
