package dev.drift.ops.config;

import java.util.regex.Pattern;

/**
 * The shape of a modular-crypt bcrypt hash: {@code $2a$}, {@code $2b$} or {@code $2y$}, a two-digit cost from 04
 * to 31, {@code $}, then 53 characters of bcrypt's base64 (22 of salt, 31 of checksum). A secret that claims to be
 * bcrypt but has another shape can never match a password, so its user could never log in.
 */
final class BcryptHashFormat {

    private static final Pattern WELL_FORMED = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    private BcryptHashFormat() {
    }

    static boolean isWellFormed(String hash) {
        return WELL_FORMED.matcher(hash).matches();
    }

    /** Says what a well-formed hash looks like, without repeating the rejected one. */
    static String expectation() {
        return "expected $2a$, $2b$ or $2y$, a cost from 04 to 31, '$' and 53 characters of bcrypt base64"
                + " (60 in all, as htpasswd -B or bcrypt libraries write them)";
    }
}
