package dev.drift.ops.registry.migrate;

import java.net.URI;
import java.net.URISyntaxException;
import dev.drift.ops.registry.store.zqlite.ZqliteUrl;
import java.nio.file.Path;

/**
 * One end of a migration as the operator names it: {@code sqlite:///abs/path/drift.db} (or a plain path),
 * {@code postgres://user@host:port/db} or {@code zqlite://host:port/db}. Passwords have no place in it: a URL on
 * a command line is visible to every user of the machine (ps, shell history), so one that carries a password is
 * refused, and the password comes from the environment or a file instead.
 */
public record DatabaseUrl(Backend backend, String url, Path sqlitePath) {

    public enum Backend { SQLITE, POSTGRES, ZQLITE }

    /**
     * @throws IllegalArgumentException naming the URL (with any user part masked) and what is wrong with it
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        String trimmed = url.strip();
        if (!trimmed.contains("://")) {
            return new DatabaseUrl(Backend.SQLITE, "sqlite://" + Path.of(trimmed).toAbsolutePath(),
                    Path.of(trimmed).toAbsolutePath());
        }
        String scheme = trimmed.substring(0, trimmed.indexOf("://"));
        return switch (scheme) {
            case "sqlite" -> {
                String path = trimmed.substring("sqlite://".length());
                if (path.isEmpty()) {
                    throw invalid(trimmed, "it names no file; use sqlite:///absolute/path/drift.db");
                }
                yield new DatabaseUrl(Backend.SQLITE, trimmed, Path.of(path).toAbsolutePath());
            }
            case "postgres", "postgresql" -> {
                requireNoPassword(trimmed);
                yield new DatabaseUrl(Backend.POSTGRES, trimmed, null);
            }
            case "zqlite" -> {
                ZqliteUrl.parse(trimmed);
                yield new DatabaseUrl(Backend.ZQLITE, trimmed, null);
            }
            default -> throw invalid(trimmed, "the scheme must be sqlite://, postgres:// or zqlite://");
        };
    }

    private static void requireNoPassword(String url) {
        try {
            String userInfo = new URI(url).getRawUserInfo();
            if (userInfo != null && userInfo.contains(":")) {
                throw invalid(url, "it carries a password; leave it out of the URL (command lines are visible to "
                        + "other users) and pass it in DRIFT_FROM_PASSWORD / DRIFT_TO_PASSWORD or a password file");
            }
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL (" + e.getReason() + ")");
        }
    }

    private static IllegalArgumentException invalid(String url, String reason) {
        return new IllegalArgumentException("invalid database URL \"" + masked(url) + "\": " + reason);
    }

    /** The URL with anything between "://" and "@" masked. */
    static String masked(String url) {
        return url.replaceFirst("(?<=://)[^/@]*@", "****@");
    }

    /** The URL, safe to print: parsing refused every URL that carries a password. */
    @Override
    public String toString() {
        return url;
    }
}
