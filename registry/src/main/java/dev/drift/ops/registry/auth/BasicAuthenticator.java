package dev.drift.ops.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import dev.drift.ops.config.BasicUser;

/**
 * Checks {@code Authorization: Basic} credentials against {@code [auth.basic] users}, whose secrets are
 * bcrypt hashes or plain text. Verified bcrypt credentials are remembered by a SHA-256 of name and
 * password, because a docker push makes dozens of requests and bcrypt costs tens of milliseconds each.
 *
 * <p>Every refused login costs one bcrypt verification at the configured cost, whether the name is unknown, the
 * password of a bcrypt user is wrong or that of a plain-text user is: otherwise the time of the answer tells which
 * names exist (issue 11, defect 8). Unknown names are checked against a hash of a random password made at start,
 * at the users' cost.
 */
public final class BasicAuthenticator {

    private static final int MAX_REMEMBERED = 1024;

    private final Map<String, BasicUser> users;
    private final BcryptCheck bcrypt;
    /** Null when no user has a bcrypt hash: then no login costs a bcrypt verification, and none needs to. */
    private final String unknownUserHash;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    /** The password check behind every bcrypt verification; a seam so tests can see which verifications happen. */
    @FunctionalInterface
    interface BcryptCheck {
        boolean matches(String password, String hash);
    }

    public BasicAuthenticator(List<BasicUser> users) {
        this(users, (password, hash) -> BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified);
    }

    BasicAuthenticator(List<BasicUser> users, BcryptCheck bcrypt) {
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(BasicUser::name, Function.identity()));
        this.bcrypt = bcrypt;
        // Users normally share one cost; with several, an unknown name must not answer faster than any of them.
        OptionalInt highestCost = users.stream().filter(BasicUser::isBcrypt).mapToInt(user -> cost(user.secret().reveal())).max();
        this.unknownUserHash = highestCost.isPresent() ? hashOfRandomPassword(highestCost.getAsInt()) : null;
    }

    /** The authenticated user's name, or empty when the header is missing, malformed or wrong. */
    public Optional<String> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        BasicUser user = users.get(name);
        if (user == null) {
            spendAsOnAWrongPassword(password);
            return Optional.empty();
        }
        return matches(user, password) ? Optional.of(name) : Optional.empty();
    }

    private boolean matches(BasicUser user, String password) {
        String secret = user.secret().reveal();
        if (!user.isBcrypt()) {
            boolean ok = MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
            if (!ok) {
                spendAsOnAWrongPassword(password);
            }
            return ok;
        }
        String key = fingerprint(user.name(), password);
        if (verified.contains(key)) {
            return true;
        }
        boolean ok = bcrypt.matches(password, secret);
        if (ok) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.add(key);
        }
        return ok;
    }

    /** The bcrypt verification a wrong password of a bcrypt user costs, with its answer thrown away. */
    private void spendAsOnAWrongPassword(String password) {
        if (unknownUserHash != null) {
            bcrypt.matches(password, unknownUserHash);
        }
    }

    /** The cost of a hash the config has already checked to be well formed (BcryptHashFormat). */
    private static int cost(String hash) {
        try {
            return BCrypt.Version.VERSION_2A.parser.parse(hash.getBytes(StandardCharsets.UTF_8)).cost;
        } catch (IllegalBCryptFormatException e) {
            throw new IllegalArgumentException("not a bcrypt hash: " + e.getMessage(), e);
        }
    }

    private static String hashOfRandomPassword(int cost) {
        byte[] password = new byte[32];
        new SecureRandom().nextBytes(password);
        return BCrypt.withDefaults().hashToString(cost, Base64.getEncoder().encodeToString(password).toCharArray());
    }

    private static String fingerprint(String name, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
