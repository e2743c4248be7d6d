package dev.drift.ops.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /**
     * Defect 8 of issue 11, without timing: an unknown name and a wrong plain-text password go through the same bcrypt
     * verification, at the same cost, as a wrong password of a bcrypt user (a hash of cost 5 here, the highest).
     */
    @Test
    void everyRefusedLoginCostsOneBcryptVerificationAtTheUsersCost() {
        List<String> verifiedAgainst = new ArrayList<>();
        BasicAuthenticator counting = new BasicAuthenticator(List.of(
                new BasicUser("alice", Secret.of("plain")),
                new BasicUser("bob", Secret.of(BCrypt.withDefaults().hashToString(4, "hashed".toCharArray()))),
                new BasicUser("dave", Secret.of(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(5, "other".toCharArray())))),
                (password, hash) -> {
                    verifiedAgainst.add(hash);
                    return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
                });

        assertThat(counting.authenticate(basic("dave", "wrong"))).isEmpty();
        assertThat(counting.authenticate(basic("carol", "wrong"))).as("unknown user").isEmpty();
        assertThat(counting.authenticate(basic("alice", "wrong"))).as("wrong plain-text password").isEmpty();

        assertThat(verifiedAgainst).hasSize(3);
        assertThat(verifiedAgainst).extracting(BasicAuthenticatorTest::cost).containsOnly(5);
        assertThat(verifiedAgainst.get(1)).as("the unknown user's hash is no user's").isNotEqualTo(verifiedAgainst.get(0));
        assertThat(verifiedAgainst.get(2)).isEqualTo(verifiedAgainst.get(1));

        verifiedAgainst.clear();
        assertThat(counting.authenticate(basic("alice", "plain"))).contains("alice");
        assertThat(verifiedAgainst).as("an accepted plain-text password needs no bcrypt").isEmpty();
    }

    @Test
    void withoutBcryptUsersNoLoginCostsABcryptVerification() {
        List<String> verifiedAgainst = new ArrayList<>();
        BasicAuthenticator plainOnly = new BasicAuthenticator(List.of(new BasicUser("alice", Secret.of("plain"))),
                (password, hash) -> verifiedAgainst.add(hash));

        assertThat(plainOnly.authenticate(basic("carol", "wrong"))).isEmpty();
        assertThat(plainOnly.authenticate(basic("alice", "wrong"))).isEmpty();
        assertThat(verifiedAgainst).isEmpty();
    }

    private static int cost(String hash) {
        return Integer.parseInt(hash.substring(4, 6));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
