package dev.drift.ops.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.UploadOffsetMismatchException;
import dev.drift.ops.registry.ops.RegistryMetrics;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.UploadSession;

/**
 * Blob pushes: whole blobs in one request, cross-repository mounts, and upload sessions (start, append, finish,
 * cancel). The bytes go to the blob store, verified against their digest while they stream and committed by atomic
 * rename; only then does the metadata store link them into the repository.
 */
public final class UploadService {

    private final MetadataStore store;
    private final BlobStore blobs;
    private final SharedContent shared;
    private final long maxUploadBytes;
    private final RegistryMetrics metrics;

    public UploadService(MetadataStore store, BlobStore blobs, long maxUploadBytes, RegistryMetrics metrics) {
        this.store = store;
        this.blobs = blobs;
        this.shared = new SharedContent(store, blobs);
        this.maxUploadBytes = maxUploadBytes;
        this.metrics = metrics;
    }

    /** Stores {@code content}, which must hash to {@code expected}, and links it into the repository; returns its size. */
    public long pushWhole(String repository, Digest expected, InputStream content) throws IOException {
        blobs.put(content, expected, maxUploadBytes);
        return shared.linkStored(expected, size -> {
            store.linkBlob(repository, expected.toString(), size, null);
            return size;
        });
    }

    /**
     * Links a blob the registry already holds into {@code repository}: from {@code from} when it links the blob there,
     * or, with {@code from} null, when any repository uses it (the spec's anonymous mount: every client may read every
     * repository here, so the digest itself is proof enough). Empty means "upload it instead", as the spec asks.
     */
    public OptionalLong mount(String repository, Digest digest, String from) throws IOException {
        boolean available = from == null
                ? store.isBlobInUse(digest.toString())
                : store.linkedBlobSize(from, digest.toString()).isPresent();
        if (!available) {
            return OptionalLong.empty();
        }
        // Bytes deleted since they were looked at are not there to mount: the client uploads them instead.
        return shared.linkIfStored(digest, size -> {
            store.linkBlob(repository, digest.toString(), size, null);
            return OptionalLong.of(size);
        }).orElse(OptionalLong.empty());
    }

    /** Opens an empty upload session in the repository; returns its id. */
    public String start(String repository) throws IOException {
        String id = UUID.randomUUID().toString();
        blobs.startUpload(id);
        store.createUpload(new UploadSession(id, repository, Instant.now()));
        metrics.uploadStarted();
        return id;
    }

    /** The bytes received so far; {@link UnknownContentException} unless the session exists in this repository. */
    public long size(String repository, String id) throws IOException {
        if (store.findUpload(repository, id).isEmpty()) {
            throw unknown("no upload " + id + " in " + repository);
        }
        return blobs.uploadedSize(id).orElseThrow(() -> unknown("upload " + id + " has no data"));
    }

    /**
     * Appends a chunk that must start at {@code offset} (a size {@link #size} returned); returns the new size.
     *
     * @throws UploadOffsetMismatchException when another request wrote since; nothing was written
     */
    public long append(String id, long offset, InputStream chunk) throws IOException {
        return blobs.appendAt(id, offset, chunk, maxUploadBytes);
    }

    /**
     * Ends the upload of {@code received} bytes, after appending {@code lastChunk} (null for none) at that offset:
     * verifies the digest, commits the blob, then ends the session and links the blob in one metadata transaction.
     * A digest mismatch discards the upload and its session. Returns the blob's size.
     *
     * @throws UploadOffsetMismatchException when the last chunk no longer follows on; the session stays as it was
     */
    public long finish(String id, Digest expected, long received, InputStream lastChunk) throws IOException {
        long size = lastChunk == null ? received : blobs.appendAt(id, received, lastChunk, maxUploadBytes);
        try {
            blobs.commit(id, expected);
        } catch (IOException | RuntimeException e) {
            // The blob store discarded the upload (or cannot find it): the session must not outlive it.
            store.deleteUpload(id);
            throw e;
        }
        Optional<Boolean> completed = shared.linkIfStored(expected,
                stored -> store.completeUpload(id, expected.toString(), size));
        if (completed.isEmpty()) {
            // The upload's bytes became the blob (or matched it) and that blob is gone: so must the session be.
            store.deleteUpload(id);
            throw new ContentRemovedException(expected.toString());
        }
        if (!completed.get()) {
            throw unknown("upload " + id + " was cancelled while it finished");
        }
        metrics.uploadCompleted();
        return size;
    }

    /** Discards the upload and its session; {@link UnknownContentException} unless it exists in this repository. */
    public void cancel(String repository, String id) throws IOException {
        size(repository, id);
        blobs.cancel(id);
        store.deleteUpload(id);
        metrics.uploadCancelled();
    }

    private static UnknownContentException unknown(String message) {
        return new UnknownContentException(UnknownContentException.Kind.UPLOAD, message);
    }
}
