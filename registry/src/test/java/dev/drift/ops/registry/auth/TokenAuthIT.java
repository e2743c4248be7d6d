package dev.drift.ops.registry.auth;

import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.config.Secret;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.auth.token.Scope;
import dev.drift.ops.registry.auth.token.TokenIssuer;
import dev.drift.ops.registry.http.Json;

/**
 * {@code [auth] mode = "token"} over HTTP: the Bearer challenge names the realm, service and scope a request needs;
 * the token endpoint issues a token for a registry user's login only; a token lets in exactly the scopes it grants;
 * a token signed with another secret, or expired, is refused.
 */
class TokenAuthIT {

    private static final String SECRET = "token-it-secret-" + System.nanoTime();

    @TempDir
    Path dataDir;

    private RunningRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dataDir, """
                [auth]
                mode = "token"
                jwt_secret = "%s"
                token_expiry_hours = 2
                [auth.basic]
                users = ["ci:ci-password"]
                """.formatted(SECRET));
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void theChallengeSaysWhereToGetATokenAndForWhat() throws Exception {
        HttpResponse<byte[]> base = registry.get("/v2/");
        assertThat(base.statusCode()).isEqualTo(401);
        String realm = registry.uri("/token").toString();
        assertThat(base.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"" + realm + "\",service=\"drift\"");
        assertThat(registry.get("/v2/team/app/manifests/v1").headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"" + realm + "\",service=\"drift\",scope=\"repository:team/app:pull\"");
        assertThat(registry.get("/health").statusCode()).as("probes stay open").isEqualTo(200);
    }

    @Test
    void onlyARegistryUserGetsAToken() throws Exception {
        assertThat(registry.get("/token?service=drift").statusCode()).isEqualTo(401);
        assertThat(registry.as("ci", "wrong").get("/token?service=drift").statusCode()).isEqualTo(401);
        assertThat(registry.as("ci", "ci-password").get("/token?service=other").statusCode()).isEqualTo(400);

        HttpResponse<byte[]> issued = registry.as("ci", "ci-password").get("/token?service=drift&scope=repository:app:pull");
        assertThat(issued.statusCode()).as(text(issued)).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(issued.body());
        assertThat(body.path("token").asText()).isNotBlank().isEqualTo(body.path("access_token").asText());
        assertThat(body.path("expires_in").asLong()).isEqualTo(Duration.ofHours(2).toSeconds());
        assertThat(issued.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aTokenLetsInExactlyWhatItGrants() throws Exception {
        String pullOnly = token("repository:app:pull");
        assertThat(bearer("GET", "/v2/", pullOnly).statusCode()).isEqualTo(200);
        assertThat(bearer("GET", "/v2/app/tags/list", pullOnly).statusCode()).as("pull lets the read in (404: no repo)")
                .isEqualTo(404);
        HttpResponse<byte[]> push = bearer("POST", "/v2/app/blobs/uploads/", pullOnly);
        assertThat(push.statusCode()).isEqualTo(401);
        assertThat(push.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .contains("scope=\"repository:app:push\"").contains("error=\"insufficient_scope\""));
        assertThat(bearer("GET", "/v2/other/tags/list", pullOnly).statusCode()).as("another repository").isEqualTo(401);
        assertThat(bearer("GET", "/v2/_catalog", pullOnly).statusCode()).isEqualTo(401);
        assertThat(bearer("GET", "/v2/_catalog", token("registry:catalog:*")).statusCode()).isEqualTo(200);

        String pushAndPull = token("repository:app:pull,push");
        byte[] layer = "layer pushed with a token".getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(layer));
        HttpResponse<byte[]> pushed = registry.client().send(HttpRequest.newBuilder(
                        registry.uri("/v2/app/blobs/uploads/?digest=" + digest))
                .header("Authorization", "Bearer " + pushAndPull).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(layer)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pushed.statusCode()).as(text(pushed)).isEqualTo(201);
        assertThat(bearer("DELETE", "/v2/app/blobs/" + digest, pushAndPull).statusCode()).as("no delete scope")
                .isEqualTo(401);
        assertThat(bearer("DELETE", "/v2/app/blobs/" + digest, token("repository:app:delete")).statusCode())
                .isEqualTo(202);
        assertThat(bearer("GET", "/v1/profiles", pullOnly).statusCode()).as("Bolt takes any valid token").isEqualTo(200);
    }

    @Test
    void aForeignOrExpiredTokenIsRefused() throws Exception {
        List<Scope> all = Scope.parseAll("repository:app:*");
        String foreign = new TokenIssuer(Secret.of("another-secret"), Duration.ofHours(1), Clock.systemUTC())
                .issue("ci", all).token();
        String expired = new TokenIssuer(Secret.of(SECRET), Duration.ofHours(1),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))).issue("ci", all).token();
        String valid = new TokenIssuer(Secret.of(SECRET), Duration.ofHours(1), Clock.systemUTC()).issue("ci", all).token();
        assertThat(bearer("GET", "/v2/app/tags/list", foreign).statusCode()).isEqualTo(401);
        assertThat(bearer("GET", "/v2/app/tags/list", expired).statusCode()).isEqualTo(401);
        assertThat(bearer("GET", "/v2/app/tags/list", valid.substring(0, valid.length() - 2) + "xx").statusCode())
                .as("a tampered signature").isEqualTo(401);
        assertThat(bearer("GET", "/v2/app/tags/list", valid).statusCode()).as("the same claims, signed right")
                .isEqualTo(404);
    }

    private String token(String scope) throws Exception {
        HttpResponse<byte[]> issued = registry.as("ci", "ci-password").get("/token?service=drift&scope=" + scope);
        assertThat(issued.statusCode()).as(text(issued)).isEqualTo(200);
        return Json.MAPPER.readTree(issued.body()).path("token").asText();
    }

    private HttpResponse<byte[]> bearer(String method, String path, String token) throws Exception {
        return registry.client().send(HttpRequest.newBuilder(registry.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
