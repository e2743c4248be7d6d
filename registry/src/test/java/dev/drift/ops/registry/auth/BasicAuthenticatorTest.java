package dev.drift.ops.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.drift.ops.config.BasicUser;
import dev.drift.ops.config.Secret;

class BasicAuthenticatorTest {

    private final BasicAuthenticator authenticator = new BasicAuthenticator(List.of(
            new BasicUser("alice", Secret.of("plain")),
            new BasicUser("bob", Secret.of(BCrypt.withDefaults().hashToString(4, "hashed".toCharArray())))));

    @Test
    void acceptsPlainAndBcryptSecrets() {
        assertThat(authenticator.authenticate(basic("alice", "plain"))).contains("alice");
        assertThat(authenticator.authenticate(basic("bob", "hashed"))).contains("bob");
        assertThat(authenticator.authenticate(basic("bob", "hashed"))).as("remembered verification").contains("bob");
    }

    @Test
    void rejectsWrongOrMalformedCredentials() {
        assertThat(authenticator.authenticate(basic("alice", "wrong"))).isEmpty();
        assertThat(authenticator.authenticate(basic("bob", "plain"))).isEmpty();
        assertThat(authenticator.authenticate(basic("carol", "plain"))).isEmpty();
        assertThat(authenticator.authenticate(null)).isEmpty();
        assertThat(authenticator.authenticate("Bearer token")).isEmpty();
        assertThat(authenticator.authenticate("Basic !!!not-base64")).isEmpty();
        assertThat(authenticator.authenticate("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()))).isEmpty();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
