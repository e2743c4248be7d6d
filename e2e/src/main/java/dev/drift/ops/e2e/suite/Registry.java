package dev.drift.ops.e2e.suite;

import static io.restassured.config.EncoderConfig.encoderConfig;
import static io.restassured.config.HttpClientConfig.httpClientConfig;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

import dev.drift.ops.e2e.E2eTarget;

/**
 * The registry under test as rest-assured request specifications. Requests go out exactly as the
 * tests write them: paths and queries are not re-encoded (upload Locations come back already
 * encoded) and no charset is appended to media types such as {@code application/vnd.oci.image.manifest.v1+json},
 * which registries compare byte for byte.
 */
public final class Registry {

    private static final int TIMEOUT_MILLIS = 60_000;

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .httpClient(httpClientConfig()
                    .setParam("http.connection.timeout", TIMEOUT_MILLIS)
                    .setParam("http.socket.timeout", TIMEOUT_MILLIS));

    private final E2eTarget target;
    /** Which replica the next request goes to, when the target has several. */
    private final AtomicInteger next = new AtomicInteger();

    public Registry(E2eTarget target) {
        this.target = target;
    }

    public E2eTarget target() {
        return target;
    }

    /** A request with the target's credentials, if it has any. */
    public RequestSpecification given() {
        RequestSpecification request = anonymous();
        return target.hasCredentials() ? request.auth().preemptive().basic(target.user(), target.password()) : request;
    }

    /** A request without credentials, whatever the target has, to the next of the target's replicas. */
    public RequestSpecification anonymous() {
        return RestAssured.given().config(CONFIG).baseUri(nextReplica().toString()).urlEncodingEnabled(false);
    }

    /** The next of the target's replicas alone, for what each process keeps to itself (its metrics). */
    public Registry oneReplica() {
        return new Registry(new E2eTarget(nextReplica(), target.user(), target.password()));
    }

    private URI nextReplica() {
        return target.urls().get(Math.floorMod(next.getAndIncrement(), target.urls().size()));
    }

    /** A request with the given credentials instead of the target's. */
    public RequestSpecification as(String user, String password) {
        return anonymous().auth().preemptive().basic(user, password);
    }
}
