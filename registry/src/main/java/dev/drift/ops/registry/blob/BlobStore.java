package dev.drift.ops.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Content-addressed bytes: committed blobs, and the upload areas that become blobs.
 *
 * <p>Invariants every implementation keeps: a digest is computed while the bytes stream in, never by
 * buffering a whole blob in memory; a blob becomes visible under its digest only once it is complete,
 * verified and durable (fsync then atomic rename); a failed or mismatching write leaves nothing behind.
 * Uploads are keyed by an opaque id the caller chooses (a UUID); their bookkeeping (which repository,
 * when) lives in the metadata store, the bytes live here.
 */
public interface BlobStore {

    /** Size of the committed blob, or empty if there is none. */
    OptionalLong size(Digest digest) throws IOException;

    /** Opens the committed blob positioned at {@code offset}. The caller closes the stream. */
    InputStream open(Digest digest, long offset) throws IOException;

    /**
     * Streams {@code content} straight into a blob. With {@code expected} non-null the computed digest must
     * match or {@link DigestMismatchException} is thrown and nothing is stored; with null, the content is
     * stored under its sha256 digest. Storing content that already exists is a no-op. Returns the digest.
     *
     * @param maxBytes the most bytes accepted; more throws {@link BlobTooLargeException} and stores nothing
     */
    Digest put(InputStream content, Digest expected, long maxBytes) throws IOException;

    /**
     * A URL from which a client may fetch the committed blob directly, bypassing this server (a presigned S3 URL), or
     * empty when the blob is to be streamed through the server. Says nothing about whether the blob exists.
     */
    Optional<URI> downloadUrl(Digest digest) throws IOException;

    /** Deletes the committed blob; true if it existed. */
    boolean delete(Digest digest) throws IOException;

    /**
     * Committed blobs last stored before {@code cutoff}, in no particular order: what garbage collection checks for
     * bytes no metadata names (left by a crash between storing and linking). A store may count storing content that
     * already exists as storing it again (the filesystem store does, the S3 store would need a copy), which keeps a
     * push re-linking old bytes out of a collection's way; without it the push may find them removed and say so.
     */
    List<Digest> blobsStoredBefore(Instant cutoff) throws IOException;

    // --- uploads ------------------------------------------------------------------------------

    /** Creates an empty upload area. */
    void startUpload(String uploadId) throws IOException;

    /** Bytes received so far for the upload, or empty if no such upload exists. */
    OptionalLong uploadedSize(String uploadId) throws IOException;

    /**
     * Appends {@code content} to the upload and returns the new total size.
     *
     * @param maxBytes the most bytes the whole upload may reach; beyond it throws {@link BlobTooLargeException}
     *                 and the upload keeps its previous size
     */
    long append(String uploadId, InputStream content, long maxBytes) throws IOException;

    /**
     * As {@link #append}, but only when the upload is exactly {@code offset} bytes long: checking the size and
     * writing are one step per upload, so of two requests that both saw the same size only one is taken.
     *
     * @throws UploadOffsetMismatchException when the upload has another size; nothing is written
     */
    long appendAt(String uploadId, long offset, InputStream content, long maxBytes) throws IOException;

    /**
     * Verifies the upload against {@code expected} and commits it as a blob, removing the upload area.
     * On a mismatch throws {@link DigestMismatchException} and discards the upload.
     */
    void commit(String uploadId, Digest expected) throws IOException;

    /** Discards the upload area; true if it existed. */
    boolean cancel(String uploadId) throws IOException;

    /**
     * Removes what writes cut off by a crash left behind that no upload id names: a monolithic put's temporary file
     * (filesystem), an unfinished multipart upload (S3). Only what was started before {@code startedBefore} is
     * touched, so writes in progress go on. Returns how many were removed. The garbage collector calls it.
     */
    int sweepUnfinishedWrites(Instant startedBefore) throws IOException;

    /** Ids of the upload areas last written before {@code cutoff}, whether or not the metadata still has a session. */
    List<String> uploadsIdleSince(Instant cutoff) throws IOException;

    /** Throws when the store cannot be written (for /readyz): checks the directory answers and accepts a write. */
    void checkWritable() throws IOException;
}
