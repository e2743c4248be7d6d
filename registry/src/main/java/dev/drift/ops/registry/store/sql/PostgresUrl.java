package dev.drift.ops.registry.store.sql;

import dev.drift.ops.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.postgresql.PGProperty;

/**
 * drift.toml's {@code postgres_url} in libpq's form, {@code postgres://user:password@host:port/database?sslmode=require}
 * (or {@code postgresql://}), split into what pgjdbc is given separately: where to connect, who to log in as, the
 * password, and driver properties. Keeping the password out of every URL string is the point: JDBC URLs end up in
 * pool names, logs and exception messages, so the driver gets the password as a property only.
 *
 * <p>{@link #toString()} names host, port, database and user, never the password or the parameters.
 *
 * @param database null for the driver's default (the user's name)
 * @param user null for the driver's default
 * @param properties pgjdbc properties and their values, translated from the URL's query parameters
 */
public record PostgresUrl(String host, int port, String database, String user, Secret password,
                          Map<PGProperty, String> properties) {

    static final int DEFAULT_PORT = 5432;

    /** libpq parameter name -> pgjdbc property, for the parameters a Drift deployment needs. */
    private static final Map<String, PGProperty> PARAMETERS = Map.of(
            "sslmode", PGProperty.SSL_MODE,
            "sslrootcert", PGProperty.SSL_ROOT_CERT,
            "sslcert", PGProperty.SSL_CERT,
            "sslkey", PGProperty.SSL_KEY,
            "application_name", PGProperty.APPLICATION_NAME,
            "connect_timeout", PGProperty.CONNECT_TIMEOUT);

    public PostgresUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(password, "password");
        properties = Map.copyOf(properties);
    }

    /**
     * Parses the URL. Messages of the exceptions name the part that is wrong and never repeat the URL, which may hold
     * a password.
     *
     * @throws IllegalArgumentException if the URL is not a postgres:// URL with a host, or has a parameter this
     *                                  store does not support
     */
    public static PostgresUrl parse(String url) {
        Objects.requireNonNull(url, "postgres_url");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The exception's own message quotes the whole input; only its reason and position are safe to show.
            throw new IllegalArgumentException("postgres_url is not a valid URL: " + e.getReason()
                    + " at character " + e.getIndex());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("postgres") || uri.getScheme().equals("postgresql"))) {
            throw new IllegalArgumentException("postgres_url must start with postgres:// or postgresql://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("postgres_url has no host (expected postgres://user:password@host:port/database)");
        }
        String user = null;
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = decode(userInfo[0]);
            password = userInfo.length == 2 ? decode(userInfo[1]) : "";
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.isEmpty() || path.equals("/") ? null : decode(path.substring(1));

        Map<PGProperty, String> properties = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] nameValue = pair.split("=", 2);
                String name = decode(nameValue[0]);
                String value = nameValue.length == 2 ? decode(nameValue[1]) : "";
                switch (name) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> {
                        PGProperty property = PARAMETERS.get(name);
                        if (property == null) {
                            throw new IllegalArgumentException("postgres_url parameter \"" + name
                                    + "\" is not supported; use one of " + PARAMETERS.keySet().stream().sorted().toList()
                                    + ", user, password");
                        }
                        properties.put(property, value);
                    }
                }
            }
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new PostgresUrl(uri.getHost(), port, database, user, Secret.of(password), properties);
    }

    /** The host without IPv6 brackets, as the driver wants it. */
    String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Percent-decoding as in a URI ('+' stays a plus, unlike in form data). */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // URLDecoder's message quotes its input, which may be the password.
            throw new IllegalArgumentException("postgres_url has a malformed %-escape");
        }
    }

    @Override
    public String toString() {
        return "postgres://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + (database == null ? "" : database);
    }
}
