package dev.drift.ops.registry.store.zqlite;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Where a ZQLite server listens: {@code zqlite://host:port/db}. The seed's ZQLite serves its database on one port
 * (5433 in its examples) for both the PostgreSQL wire protocol and {@code GET /health}. The URL has no place for
 * credentials: ZQLite's options, the encryption key among them, come from {@code [database.zqlite]}.
 */
public record ZqliteUrl(String host, int port, String database) {

    /** The port the seed's {@code zqlite server --port 5433} uses, taken when the URL names none. */
    public static final int DEFAULT_PORT = 5433;

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * Parses {@code zqlite://host[:port]/db}.
     *
     * @throws IllegalArgumentException naming the URL (without any user part) and what is wrong with it
     */
    public static ZqliteUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the ZQLite URL is empty; expected zqlite://host:port/db");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL (" + e.getReason() + ")");
        }
        if (!"zqlite".equals(uri.getScheme())) {
            throw invalid(url, "the scheme must be zqlite://");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(url, "it must not carry a user or password; ZQLite options go in [database.zqlite]");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(url, "it must not have a query or fragment");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw invalid(url, "the path must be one database name, e.g. /drift");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new ZqliteUrl(uri.getHost(), port, database);
    }

    @Override
    public String toString() {
        return "zqlite://" + hostAndPort() + "/" + database;
    }

    /** {@code host:port}, bracketing an IPv6 address. */
    public String hostAndPort() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static IllegalArgumentException invalid(String url, String reason) {
        return new IllegalArgumentException("invalid ZQLite URL \"" + withoutUserInfo(url) + "\": " + reason);
    }

    /** The URL with anything between "://" and "@" masked, so a password typed into it is never echoed. */
    static String withoutUserInfo(String url) {
        return url.replaceFirst("(?<=://)[^/@]*@", "****@");
    }
}
