package dev.drift.ops.registry.store;

/** A blob row: its digest and the size the registry recorded for it. */
public record StoredBlob(String digest, long size) {
}
