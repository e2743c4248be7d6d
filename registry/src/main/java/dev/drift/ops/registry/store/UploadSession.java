package dev.drift.ops.registry.store;

import java.time.Instant;

/** An open blob upload; the bytes received so far live in the blob store under {@code id}. */
public record UploadSession(String id, String repository, Instant startedAt) {
}
