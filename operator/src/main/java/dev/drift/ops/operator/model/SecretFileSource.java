package dev.drift.ops.operator.model;

import dev.drift.ops.config.Secret;

/**
 * Where one secret file of a component (a {@code SecretFile} of the deployment model) comes from:
 * a key of a Secret, projected into the pod under {@code /run/secrets}. Its content is known to the
 * model only so the pod template's config hash changes when it does.
 */
public record SecretFileSource(String secretName, String key, Secret content) {
}
