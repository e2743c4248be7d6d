package dev.drift.ops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry the suite runs against: its base URL, or the URLs of several replicas of one registry, and, when it
 * requires them, basic-auth credentials. The password never appears in {@link #toString()}.
 *
 * <p>With several URLs (given comma-separated wherever one URL goes) the suite sends each request to the next replica
 * in turn, as a round-robin load balancer would: an upload started on one replica continues on another, and what one
 * stored the next must serve.
 *
 * <p>Read at runtime from system properties or environment variables, so the same suite proves a
 * Drift deployed anywhere: {@code drift.url}/{@code DRIFT_URL}, {@code drift.user}/{@code DRIFT_USER},
 * and the password from {@code DRIFT_PASSWORD} or from the file named by
 * {@code drift.password.file}/{@code DRIFT_PASSWORD_FILE}. (Not from a system property: those end up
 * in process listings and in JUnit XML reports.)
 */
public record E2eTarget(List<URI> urls, String user, String password) {

    public static final String URL_PROPERTY = "drift.url";
    public static final String USER_PROPERTY = "drift.user";
    public static final String PASSWORD_FILE_PROPERTY = "drift.password.file";

    public E2eTarget {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("no registry URL");
        }
        urls = urls.stream().map(E2eTarget::normalized).toList();
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("give both a user and a password, or neither");
        }
    }

    /** One registry at {@code url}. */
    public E2eTarget(URI url, String user, String password) {
        this(Collections.singletonList(url), user, password);
    }

    /** The first (or only) replica's URL. */
    public URI url() {
        return urls.getFirst();
    }

    /** The URLs as given on a command line: comma-separated. */
    public String urlList() {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }

    private static URI normalized(URI url) {
        if (url == null || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("registry URL must be http(s)://host[:port], not " + safe(url));
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("registry URL must not carry credentials; give a user and a password instead");
        }
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path);
    }

    /** A registry that needs no credentials. */
    public static E2eTarget anonymous(String url) {
        return new E2eTarget(parse(url), null, null);
    }

    public static E2eTarget withCredentials(String url, String user, String password) {
        return new E2eTarget(parse(url), user, password);
    }

    /** From system properties, falling back to environment variables (see the class comment). */
    public static E2eTarget fromEnvironment() {
        return fromEnvironment(System::getProperty, System.getenv());
    }

    static E2eTarget fromEnvironment(Function<String, String> properties, Map<String, String> env) {
        String url = first(properties.apply(URL_PROPERTY), env.get("DRIFT_URL"))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no registry URL: set the system property " + URL_PROPERTY + " or DRIFT_URL"));
        String user = first(properties.apply(USER_PROPERTY), env.get("DRIFT_USER")).orElse(null);
        Optional<String> passwordFile = first(properties.apply(PASSWORD_FILE_PROPERTY), env.get("DRIFT_PASSWORD_FILE"));
        String password = passwordFile.map(file -> readPasswordFile(Path.of(file)))
                .or(() -> first(env.get("DRIFT_PASSWORD")))
                .orElse(null);
        return new E2eTarget(parse(url), user, password);
    }

    /** The first line of the file, as secret files are usually written (a trailing newline is not part of it). */
    public static String readPasswordFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String password = (end < 0 ? content : content.substring(0, end)).stripTrailing();
            if (password.isEmpty()) {
                throw new IllegalArgumentException("password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read password file " + file, e);
        }
    }

    public boolean hasCredentials() {
        return user != null;
    }

    @Override
    public String toString() {
        return urlList() + (hasCredentials() ? " as " + user + " (password set)" : " (no credentials)");
    }

    /** One URL, or several separated by commas. */
    private static List<URI> parse(String urls) {
        List<URI> parsed = new ArrayList<>();
        for (String url : (urls == null ? "" : urls).split(",", -1)) {
            try {
                parsed.add(URI.create(url.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("registry URL is not a URL: " + safe(url));
            }
        }
        return parsed;
    }

    /** A URL for an error message, without any user:password part someone may have put into it. */
    private static String safe(Object url) {
        return url == null ? "nothing" : "'" + url.toString().replaceAll("//[^/@]*@", "//***@") + "'";
    }

    private static Optional<String> first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
