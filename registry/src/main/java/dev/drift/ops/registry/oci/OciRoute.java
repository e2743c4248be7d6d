package dev.drift.ops.registry.oci;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a /v2 path points. Repository names contain slashes, so each pattern anchors on the fixed
 * segment after the name ({@code blobs}, {@code manifests}, ...) and the name is what precedes it.
 */
record OciRoute(Kind kind, String name, String reference) {

    enum Kind {
        BASE("/v2/"),
        CATALOG("/v2/_catalog"),
        UPLOAD_START("/v2/{name}/blobs/uploads/"),
        UPLOAD("/v2/{name}/blobs/uploads/{id}"),
        BLOB("/v2/{name}/blobs/{digest}"),
        MANIFEST("/v2/{name}/manifests/{reference}"),
        TAGS("/v2/{name}/tags/list"),
        REFERRERS("/v2/{name}/referrers/{digest}");

        private final String template;

        Kind(String template) {
            this.template = template;
        }

        String template() {
            return template;
        }
    }

    private record Rule(Kind kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Kind.UPLOAD_START, Pattern.compile("^/v2/(.+)/blobs/uploads/?$")),
            new Rule(Kind.UPLOAD, Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]+)$")),
            new Rule(Kind.BLOB, Pattern.compile("^/v2/(.+)/blobs/([^/]+)$")),
            new Rule(Kind.MANIFEST, Pattern.compile("^/v2/(.+)/manifests/([^/]+)$")),
            new Rule(Kind.TAGS, Pattern.compile("^/v2/(.+)/tags/list$")),
            new Rule(Kind.REFERRERS, Pattern.compile("^/v2/(.+)/referrers/([^/]+)$")));

    static Optional<OciRoute> match(String path) {
        if (path.equals("/v2") || path.equals("/v2/")) {
            return Optional.of(new OciRoute(Kind.BASE, null, null));
        }
        if (path.equals("/v2/_catalog")) {
            return Optional.of(new OciRoute(Kind.CATALOG, null, null));
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(path);
            if (m.matches()) {
                String reference = m.groupCount() > 1 ? m.group(2) : null;
                return Optional.of(new OciRoute(rule.kind(), RepositoryName.requireValid(m.group(1)), reference));
            }
        }
        return Optional.empty();
    }
}
