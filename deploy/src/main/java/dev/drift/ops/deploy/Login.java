package dev.drift.ops.deploy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.drift.ops.config.BasicUser;
import dev.drift.ops.config.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Drift's basic-auth login and the {@code [auth.basic] users} entry that stands for it (the
 * {@link Layout#BASIC_USERS_SECRET} file): the password itself reaches only whoever logs in; Drift
 * gets its bcrypt hash.
 */
public record Login(String user, Secret password) {

    /** The user of a login drift-ops (or the operator) makes itself. */
    public static final String DEFAULT_USER = "drift";
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    public Login {
        if (user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("a login's user name is not empty and has no ':'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("a login's password is not empty");
        }
    }

    /** {@link #DEFAULT_USER} with a fresh random password. */
    public static Login generate() {
        return new Login(DEFAULT_USER, randomSecret());
    }

    /** A fresh random secret of 32 URL-safe characters (192 bits). */
    public static Secret randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The entry of {@code existing} for this user whose hash matches the password, else a new one.
     * A bcrypt hash is salted afresh each time; reusing a matching one keeps what a target renders
     * byte for byte the same, so nothing restarts for a login that did not change.
     */
    public String bcryptEntry(List<BasicUser> existing) {
        return existing.stream()
                .filter(entry -> entry.name().equals(user) && entry.isBcrypt())
                .filter(entry -> BCrypt.verifyer().verify(password.reveal().toCharArray(),
                        entry.secret().reveal().toCharArray()).verified)
                .map(entry -> user + ":" + entry.secret().reveal())
                .findFirst()
                .orElseGet(this::bcryptEntry);
    }

    /** The {@code [auth.basic] users} entry: the user and a new bcrypt hash of the password. */
    public String bcryptEntry() {
        return user + ":" + BCrypt.withDefaults().hashToString(BCRYPT_COST, password.reveal().toCharArray());
    }
}
