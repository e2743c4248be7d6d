package dev.drift.ops.deploy;

import dev.drift.ops.config.Secret;

/**
 * The identity file ({@code -s3.config}) of an instance's own SeaweedFS: one identity, the keys Drift signs with, and
 * no anonymous access. A secret, since it holds the secret key; the targets write it as {@link Layout#S3_IDENTITIES_SECRET}.
 */
public final class SeaweedFsIdentities {

    private SeaweedFsIdentities() {
    }

    public static Secret of(Secret accessKey, Secret secretKey) {
        return Secret.of("""
                {"identities": [{"name": "drift", "credentials": [{"accessKey": "%s", "secretKey": "%s"}],
                  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
                """.formatted(json(accessKey.reveal()), json(secretKey.reveal())));
    }

    private static String json(String value) {
        if (!value.matches("[A-Za-z0-9+/=_.-]+")) {
            // Generated keys are always of this form; anything else would need escaping the identity file cannot get wrong.
            throw new IllegalArgumentException("an S3 key of the instance's own SeaweedFS is letters, digits and +/=_.- only");
        }
        return value;
    }
}
