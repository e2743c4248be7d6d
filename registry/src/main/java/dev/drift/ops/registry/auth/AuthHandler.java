package dev.drift.ops.registry.auth;

import dev.drift.ops.registry.http.ApiPaths;
import dev.drift.ops.registry.http.ErrorAnswer;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Guards the APIs (/v2 and /v1) with basic auth; health, readiness and metrics stay open so probes
 * and scrapers need no credentials. The 401 carries the spec's UNAUTHORIZED body and a challenge.
 */
public final class AuthHandler extends Handler.Wrapper {

    /** Request attribute with the authenticated user's name, for the access log. */
    public static final String USER_ATTRIBUTE = "drift.user";

    private final BasicAuthenticator authenticator;
    private final String realm;

    public AuthHandler(Handler next, BasicAuthenticator authenticator, String realm) {
        super(next);
        this.authenticator = authenticator;
        this.realm = realm;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!ApiPaths.isApi(path)) {
            return super.handle(request, response, callback);
        }
        Optional<String> user = authenticator.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (user.isPresent()) {
            request.setAttribute(USER_ATTRIBUTE, user.get());
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
        return ErrorAnswer.send(response, callback, 401, "UNAUTHORIZED", "authentication required",
                "send basic auth credentials");
    }
}
