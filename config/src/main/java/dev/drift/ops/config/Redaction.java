package dev.drift.ops.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Shows a database URL without the parts that may hold a password. */
final class Redaction {

    private Redaction() {
    }

    /**
     * {@code postgres://drift:pw@db:5432/drift?sslmode=x} becomes
     * {@code postgres://drift:********@db:5432/drift?********}; a URL that does not parse is
     * hidden entirely, since we cannot tell where its password is.
     */
    static String url(String url) {
        if (url.isEmpty()) {
            return url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Secret.MASK;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return Secret.MASK;
        }
        StringBuilder shown = new StringBuilder(uri.getScheme()).append("://");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            shown.append(colon < 0 ? userInfo : userInfo.substring(0, colon) + ":" + Secret.MASK).append('@');
        }
        shown.append(uri.getHost());
        if (uri.getPort() >= 0) {
            shown.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            shown.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            shown.append('?').append(Secret.MASK);
        }
        return shown.toString();
    }
}
