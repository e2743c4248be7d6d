package dev.drift.ops.registry.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI spec defines it, {@code algorithm:encoded}. Only the algorithms the
 * registry can verify are accepted (sha256, sha512); anything else is {@link InvalidDigestException}.
 */
public record Digest(String algorithm, String hex) {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        Pattern expected = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new InvalidDigestException("unsupported digest algorithm: " + algorithm);
        };
        if (!expected.matcher(hex).matches()) {
            throw new InvalidDigestException("invalid " + algorithm + " digest: " + hex);
        }
    }

    /** Parses {@code sha256:...}; throws {@link InvalidDigestException} naming the input when it is not one. */
    public static Digest parse(String text) {
        if (text == null) {
            throw new InvalidDigestException("missing digest");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidDigestException("invalid digest: " + text);
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The digest {@code text} names, or empty when it names none (a stray name in a store's listing). */
    public static Optional<Digest> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidDigestException e) {
            return Optional.empty();
        }
    }

    public static Digest sha256(byte[] content) {
        return of("sha256", content);
    }

    public static Digest of(String algorithm, byte[] content) {
        return new Digest(algorithm, HexFormat.of().formatHex(newMessageDigest(algorithm).digest(content)));
    }

    /** The digest {@code hasher} has computed so far, as {@code algorithm}; the hasher is reset. */
    static Digest finish(String algorithm, MessageDigest hasher) {
        return new Digest(algorithm, HexFormat.of().formatHex(hasher.digest()));
    }

    /** A fresh hasher for this digest's algorithm. */
    public MessageDigest newHasher() {
        return newMessageDigest(algorithm);
    }

    static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                default -> throw new InvalidDigestException("unsupported digest algorithm: " + algorithm);
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
