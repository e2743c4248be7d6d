package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL the operator runs: its URL without a password (command lines are visible to every
 * user of the machine) and the password from the environment or a file.
 */
public record ExternalPostgres(URI url, Secret password) {

    /** Checks that {@code url} is a postgres URL with a user and without a password. */
    public static ExternalPostgres of(String url, Secret password) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw CliException.usage("--postgres-url is not a URL: " + e.getReason());
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw CliException.usage("--postgres-url must be postgres://USER@HOST:PORT/DATABASE");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw CliException.usage("--postgres-url must not contain the password (command lines are visible "
                    + "to other users); put it in DRIFT_POSTGRES_PASSWORD or --postgres-password-file");
        }
        if (userInfo == null || userInfo.isEmpty()) {
            throw CliException.usage("--postgres-url needs a user: postgres://USER@HOST:PORT/DATABASE");
        }
        return new ExternalPostgres(uri, password);
    }

    /** The URL with the password inserted, for the 0600 drift.toml only. */
    public Secret urlWithPassword() {
        if (password.isEmpty()) {
            return Secret.of(url.toString());
        }
        String encoded = URLEncoder.encode(password.reveal(), StandardCharsets.UTF_8).replace("+", "%20");
        String text = url.toString();
        int at = text.indexOf('@');
        return Secret.of(text.substring(0, at) + ":" + encoded + text.substring(at));
    }
}
