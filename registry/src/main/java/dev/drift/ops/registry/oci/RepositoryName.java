package dev.drift.ops.registry.oci;

import java.util.regex.Pattern;

/** Validation of repository names and tags with the grammar of the OCI Distribution Spec. */
final class RepositoryName {

    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    private static final int MAX_NAME_LENGTH = 255;

    private RepositoryName() {
    }

    static String requireValid(String name) {
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw new OciException(OciError.NAME_INVALID, "invalid repository name: " + name);
        }
        return name;
    }

    static boolean isTag(String reference) {
        return TAG.matcher(reference).matches();
    }

    static String requireTag(String reference) {
        if (!isTag(reference)) {
            throw new OciException(OciError.MANIFEST_INVALID, "invalid tag: " + reference);
        }
        return reference;
    }
}
