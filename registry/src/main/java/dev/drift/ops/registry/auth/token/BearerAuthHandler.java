package dev.drift.ops.registry.auth.token;

import dev.drift.ops.registry.auth.AuthHandler;
import dev.drift.ops.registry.http.ApiPaths;
import dev.drift.ops.registry.http.ErrorAnswer;
import dev.drift.ops.registry.oci.OciAccess;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code [auth] mode = "token"}: the APIs (/v2 and /v1) take a bearer token from {@link TokenEndpoint}. A request
 * without one, or whose token lacks a scope the request needs ({@link OciAccess}), gets 401 with the challenge that
 * tells the client where to get one and for what: {@code Bearer realm="<this server>/token",service="drift",scope=...}.
 * The Bolt API (/v1) needs a valid token of any scope: every registry user may use it. Health, readiness, metrics
 * and the token endpoint itself stay open.
 */
public final class BearerAuthHandler extends Handler.Wrapper {

    private final TokenIssuer issuer;

    public BearerAuthHandler(Handler next, TokenIssuer issuer) {
        super(next);
        this.issuer = issuer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!ApiPaths.isApi(path)) {
            return super.handle(request, response, callback);
        }
        List<Scope> needed = ApiPaths.isOci(path) ? OciAccess.required(request.getMethod(), path,
                Optional.ofNullable(Request.extractQueryParameters(request).getValue("from"))) : List.of();
        Optional<TokenIssuer.Grant> grant = bearer(request).flatMap(issuer::verify);
        if (grant.isEmpty()) {
            return challenge(request, response, callback, needed, null);
        }
        List<Scope> missing = needed.stream().filter(scope -> !grant.get().allows(scope)).toList();
        if (!missing.isEmpty()) {
            return challenge(request, response, callback, needed, "insufficient_scope");
        }
        request.setAttribute(AuthHandler.USER_ATTRIBUTE, grant.get().user());
        return super.handle(request, response, callback);
    }

    private static Optional<String> bearer(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    private static boolean challenge(Request request, Response response, Callback callback, List<Scope> needed,
                                     String error) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(realm(request)).append("\",service=\"")
                .append(TokenIssuer.SERVICE).append('"');
        if (!needed.isEmpty()) {
            challenge.append(",scope=\"").append(needed.stream().map(Scope::toString).collect(Collectors.joining(" ")))
                    .append('"');
        }
        if (error != null) {
            challenge.append(",error=\"").append(error).append('"');
        }
        String detail = error == null ? "send a bearer token from " + realm(request)
                : "the token does not grant " + needed.stream().map(Scope::toString).collect(Collectors.joining(" "));
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge.toString());
        return ErrorAnswer.send(response, callback, 401, "UNAUTHORIZED", "authentication required", detail);
    }

    /** The token endpoint as this client reaches the server: its scheme and the Host it sent. */
    private static String realm(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || host.isBlank()) {
            host = Request.getServerName(request) + ":" + Request.getServerPort(request);
        }
        return request.getHttpURI().getScheme() + "://" + host + TokenEndpoint.PATH;
    }
}
