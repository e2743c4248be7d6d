package dev.drift.ops.registry.store;

import java.time.Instant;

/** A stored manifest as the registry serves it; the document's bytes live in the blob store under {@code digest}. */
public record ManifestRecord(
        String repository,
        String digest,
        String mediaType,
        long size,
        String subject,
        String artifactType,
        String annotations,
        Instant createdAt) {
}
