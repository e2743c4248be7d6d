package dev.drift.ops.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.drift.ops.config.BasicUser;

/**
 * Checks {@code Authorization: Basic} credentials against {@code [auth.basic] users}, whose secrets are
 * bcrypt hashes or plain text. Verified bcrypt credentials are remembered by a SHA-256 of name and
 * password, because a docker push makes dozens of requests and bcrypt costs tens of milliseconds each.
 */
public final class BasicAuthenticator {

    private static final int MAX_REMEMBERED = 1024;

    private final Map<String, BasicUser> users;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    public BasicAuthenticator(List<BasicUser> users) {
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(BasicUser::name, Function.identity()));
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
        return user != null && matches(user, password) ? Optional.of(name) : Optional.empty();
    }

    private boolean matches(BasicUser user, String password) {
        String secret = user.secret().reveal();
        if (!user.isBcrypt()) {
            return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        }
        String key = fingerprint(user.name(), password);
        if (verified.contains(key)) {
            return true;
        }
        boolean ok = BCrypt.verifyer().verify(password.toCharArray(), secret.toCharArray()).verified;
        if (ok) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.add(key);
        }
        return ok;
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
