package dev.drift.ops.registry.auth.token;

import dev.drift.ops.registry.auth.AuthHandler;
import dev.drift.ops.registry.auth.BasicAuthenticator;
import dev.drift.ops.registry.http.ErrorAnswer;
import dev.drift.ops.registry.http.Json;
import java.nio.ByteBuffer;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@value #PATH}: the registry token flow's token endpoint, as docker, podman and skopeo call it after a Bearer
 * challenge ({@code GET ?service=drift&scope=repository:NAME:pull,push}, with the user's basic credentials). A user of
 * {@code [auth.basic] users} gets every scope asked for, for {@code token_expiry_hours}; anyone else a 401.
 */
public final class TokenEndpoint extends Handler.Abstract {

    public static final String PATH = "/token";

    private final BasicAuthenticator authenticator;
    private final TokenIssuer issuer;

    public TokenEndpoint(BasicAuthenticator authenticator, TokenIssuer issuer) {
        this.authenticator = authenticator;
        this.issuer = issuer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("GET")) {
            return answer(response, callback, 405, error("UNSUPPORTED", "the token endpoint answers GET"));
        }
        Optional<String> user = authenticator.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (user.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + TokenIssuer.SERVICE + "\"");
            return answer(response, callback, 401, error("UNAUTHORIZED", "send the basic credentials of a registry user"));
        }
        request.setAttribute(AuthHandler.USER_ATTRIBUTE, user.get());
        Fields query = Request.extractQueryParameters(request);
        String service = query.getValue("service");
        if (service != null && !service.equals(TokenIssuer.SERVICE)) {
            return answer(response, callback, 400, error("UNSUPPORTED", "this server issues tokens for service \""
                    + TokenIssuer.SERVICE + "\", not \"" + service + "\""));
        }
        List<Scope> scopes = query.getValuesOrEmpty("scope").stream().flatMap(value -> Scope.parseAll(value).stream())
                .toList();
        TokenIssuer.Issued issued = issuer.issue(user.get(), scopes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("access_token", issued.token());
        body.put("expires_in", issued.lifetime().toSeconds());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        return answer(response, callback, 200, Json.write(body));
    }

    private static byte[] error(String code, String detail) {
        return ErrorAnswer.json(code, detail, detail);
    }

    private static boolean answer(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
