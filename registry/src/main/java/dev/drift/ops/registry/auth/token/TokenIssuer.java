package dev.drift.ops.registry.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.drift.ops.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Issues and checks the registry token flow's bearer tokens: JWTs signed HS256 with a key derived from
 * {@code [auth] jwt_secret}, for one user, audience {@value #SERVICE}, valid {@code token_expiry_hours}, carrying the
 * granted scopes in an {@code access} claim as distribution's tokens do.
 */
public final class TokenIssuer {

    /** The {@code service} of the challenge, the token's audience and issuer. */
    public static final String SERVICE = "drift";
    private static final String ACCESS_CLAIM = "access";

    /** A token as issued: its text and when it stops being accepted. */
    public record Issued(String token, Instant issuedAt, Duration lifetime) {
    }

    /** What a valid token says: who, and what they may do. */
    public record Grant(String user, List<Scope> scopes) {

        public boolean allows(Scope wanted) {
            return scopes.stream().anyMatch(granted -> granted.covers(wanted));
        }
    }

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;

    public TokenIssuer(Secret jwtSecret, Duration lifetime, Clock clock) {
        this.key = signingKey(jwtSecret);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Issued issue(String user, List<Scope> scopes) {
        Instant now = clock.instant();
        List<Map<String, Object>> access = new ArrayList<>();
        for (Scope scope : scopes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", scope.type());
            entry.put("name", scope.name());
            entry.put("actions", scope.actions().stream().sorted().toList());
            access.add(entry);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(SERVICE).audience(SERVICE).subject(user)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(ACCESS_CLAIM, access)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new Issued(jwt.serialize(), now, lifetime);
    }

    /** The grant of a token this server signed and that is valid now; empty for anything else. */
    public Optional<Grant> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())
                    || (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant()))
                    || !claims.getAudience().contains(SERVICE) || claims.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new Grant(claims.getSubject(), scopes(claims)));
        } catch (ParseException | JOSEException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static List<Scope> scopes(JWTClaimsSet claims) {
        List<Scope> scopes = new ArrayList<>();
        Object access = claims.getClaim(ACCESS_CLAIM);
        if (access instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("type") instanceof String type
                        && map.get("name") instanceof String name && map.get("actions") instanceof List<?> actions) {
                    scopes.add(new Scope(type, name, actions.stream().map(String::valueOf).collect(Collectors.toSet())));
                }
            }
        }
        return scopes;
    }

    /**
     * HS256 wants a key of at least 256 bits; a jwt_secret of any length becomes one by SHA-256, so a short secret is
     * still accepted (its strength is the operator's choice) and the key never is the secret's bytes as such.
     */
    private static byte[] signingKey(Secret secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
