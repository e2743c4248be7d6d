package dev.drift.ops.registry.http;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The spec's error document, {@code {"errors":[{"code","message","detail"}]}}, for every refusal: the API's own
 * (/v2) and those of the handlers in front of it (logins, rate limits, the token endpoint).
 */
public final class ErrorAnswer {

    private ErrorAnswer() {
    }

    /** {@code detail} reaches the client: never put a secret in it. */
    public static byte[] json(String code, String message, String detail) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("detail", detail == null ? "" : detail);
        return Json.write(Map.of("errors", List.of(error)));
    }

    /**
     * Answers a refusal in front of the API, as the API itself would: the status, the distribution API's version
     * header and the error document. Other headers (a challenge, Retry-After) are the caller's to set first.
     */
    public static boolean send(Response response, Callback callback, int status, String code, String message,
                               String detail) {
        response.setStatus(status);
        response.getHeaders().put("Docker-Distribution-API-Version", "registry/2.0");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json(code, message, detail)), callback);
        return true;
    }
}
