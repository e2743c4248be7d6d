package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.Responses.describe;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Basic authentication: the APIs refuse anonymous and wrong credentials with a challenge and serve the
 * configured user, while the probes stay open for orchestrators. Runs only against a target with
 * credentials; without them there is nothing to authenticate as.
 */
@DriftE2e
@Tag("auth")
class AuthenticationTests {

    private final Registry registry;

    AuthenticationTests(Registry registry) {
        this.registry = registry;
    }

    // Before each test rather than once for the class, so every test is reported as skipped with the reason.
    @BeforeEach
    void requireCredentials() {
        Assumptions.assumeTrue(registry.target().hasCredentials(),
                "no credentials configured (DRIFT_USER and DRIFT_PASSWORD, or --user with --password-env/--password-file):"
                        + " the authentication tests need a registry with basic auth and its user");
    }

    @Test
    void anonymousRequestsGet401WithABasicChallenge() {
        for (String path : new String[] {"/v2/", "/v2/_catalog", "/v1/profiles"}) {
            Response anonymous = registry.anonymous().get(path);
            assertThat(anonymous.statusCode()).as("anonymous GET %s: %s", path, describe(anonymous)).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).as("challenge on %s", path).startsWith("Basic realm=");
        }
        assertThat(Responses.errorCodes(registry.anonymous().get("/v2/"))).contains("UNAUTHORIZED");
    }

    @Test
    void wrongPasswordGets401() {
        Response wrong = registry.as(registry.target().user(), registry.target().password() + "-wrong").get("/v2/");
        assertThat(wrong.statusCode()).as(describe(wrong)).isEqualTo(401);
        Response unknownUser = registry.as("no-such-user-" + Names.unique(), "whatever").get("/v2/");
        assertThat(unknownUser.statusCode()).as(describe(unknownUser)).isEqualTo(401);
    }

    @Test
    void configuredUserIsServed() {
        for (String path : new String[] {"/v2/", "/v2/_catalog", "/v1/profiles"}) {
            Response served = registry.given().get(path);
            assertThat(served.statusCode()).as("GET %s as %s: %s", path, registry.target().user(), describe(served)).isEqualTo(200);
        }
    }

    @Test
    void probesNeedNoCredentials() {
        assertThat(registry.anonymous().get("/health").statusCode()).isEqualTo(200);
        assertThat(registry.anonymous().get("/readyz").statusCode()).isEqualTo(200);
    }
}
