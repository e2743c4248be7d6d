package dev.drift.ops.registry.service;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.store.LockMode;
import dev.drift.ops.registry.store.MetadataStore;

/**
 * Bytes in the blob store are shared by every repository, manifest and Bolt item naming their digest, so linking them
 * and deleting them are ordered on the digest's content lock ({@link MetadataStore#underContentLock}): a link is made
 * only while the bytes are there, and bytes are deleted only while nothing links them. Without it a push of bytes that
 * are already stored (a no-op for the blob store) could link them just after a removal found them unused and just
 * before it deleted them.
 */
public final class SharedContent {

    /** Writes the rows that link stored bytes of {@code size}, while the bytes are known to be there; returns what they wrote. */
    @FunctionalInterface
    public interface Link<T> {
        T run(long size) throws IOException;
    }

    private final MetadataStore store;
    private final BlobStore blobs;

    public SharedContent(MetadataStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /**
     * Runs {@code link} with the bytes' size if the digest's bytes are stored; empty, linking nothing, if they are not
     * (any more). The size is read under the lock, so callers need no look of their own before it.
     */
    public <T> Optional<T> linkIfStored(Digest digest, Link<T> link) throws IOException {
        return store.underContentLock(digest.toString(), LockMode.SHARED, () -> {
            OptionalLong size = blobs.size(digest);
            return size.isEmpty() ? Optional.<T>empty() : Optional.of(link.run(size.getAsLong()));
        });
    }

    /** As {@link #linkIfStored}, for bytes this push just stored: their removal since is {@link ContentRemovedException}. */
    public <T> T linkStored(Digest digest, Link<T> link) throws IOException {
        return linkIfStored(digest, link).orElseThrow(() -> new ContentRemovedException(digest.toString()));
    }

    /** Deletes the digest's bytes unless something uses them; the bytes freed (0 if kept or already gone). */
    public long deleteIfUnused(Digest digest) throws IOException {
        return store.underContentLock(digest.toString(), LockMode.EXCLUSIVE, () -> {
            if (store.isBlobInUse(digest.toString())) {
                return 0L;
            }
            OptionalLong size = blobs.size(digest);
            return size.isPresent() && blobs.delete(digest) ? size.getAsLong() : 0L;
        });
    }
}
