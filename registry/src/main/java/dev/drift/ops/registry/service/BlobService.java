package dev.drift.ops.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.store.BlobUnlink;
import dev.drift.ops.registry.store.MetadataStore;

/** Reading and deleting blobs as a repository sees them: a blob is there while linked in it and on disk. */
public final class BlobService {

    private final MetadataStore store;
    private final BlobStore blobs;
    private final SharedContent content;

    public BlobService(MetadataStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
        this.content = new SharedContent(store, blobs);
    }

    /** The blob's size; {@link UnknownContentException} unless it is linked in the repository and its bytes exist. */
    public long size(String repository, Digest digest) throws IOException {
        long size = store.linkedBlobSize(repository, digest.toString()).orElseThrow(() -> unknown(repository, digest));
        if (blobs.size(digest).isEmpty()) {
            throw unknown(repository, digest);
        }
        return size;
    }

    /** Where a client may fetch the blob directly ({@code [storage.s3] redirect}), or empty to stream it. */
    public Optional<URI> downloadUrl(Digest digest) throws IOException {
        return blobs.downloadUrl(digest);
    }

    /** The blob's bytes from {@code offset}; the caller closes the stream. */
    public InputStream open(Digest digest, long offset) throws IOException {
        return blobs.open(digest, offset);
    }

    /**
     * Removes the blob from the repository. A blob a manifest of the repository references stays and
     * {@link StillReferencedException} names the manifests. The bytes are deleted only when the transaction that removed
     * the link found nothing else needing them, and only after it committed: a concurrent manifest put either
     * committed first (and the unlink is refused) or sees the link gone (and is refused itself). A push of the same
     * bytes meanwhile is ordered by the content lock ({@link SharedContent}): it links before the delete looks again
     * (and the bytes stay), or after it (and, finding them gone, links nothing).
     */
    public void delete(String repository, Digest digest) throws IOException {
        switch (store.unlinkBlob(repository, digest.toString())) {
            case BlobUnlink.NotLinked notLinked -> throw unknown(repository, digest);
            case BlobUnlink.Referenced referenced ->
                    throw new StillReferencedException("blob", repository, digest.toString(), referenced.manifests());
            case BlobUnlink.Unlinked unlinked -> {
                if (unlinked.contentUnused()) {
                    content.deleteIfUnused(digest);
                }
            }
        }
    }

    private static UnknownContentException unknown(String repository, Digest digest) {
        return new UnknownContentException(UnknownContentException.Kind.BLOB, "blob " + digest + " is not in " + repository);
    }
}
