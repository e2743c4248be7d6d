package dev.drift.ops.registry.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the registry knows about repositories, manifests, tags, blob links, upload sessions and
 * Bolt items, independent of the SQL engine behind it. Implementations exist per backend
 * (SQLite, PostgreSQL; ZQLite plugs in here later), so nothing in this interface may name a
 * backend-specific type or behaviour.
 *
 * <p>Digests are passed as canonical strings ({@code algorithm:hex}); repository names are already
 * validated by the caller. Every mutating method is atomic: it either happens completely or not at
 * all. When the backing database cannot be reached, methods throw {@link StoreUnavailableException}.
 */
public interface MetadataStore extends AutoCloseable {

    /** Cheap round trip to the database, for /readyz. Throws {@link StoreUnavailableException}. */
    void ping();

    // --- repositories -------------------------------------------------------------------------

    /** Repository names in lexical order, strictly after {@code last} (null for the start), at most {@code limit}. */
    List<String> listRepositories(String last, int limit);

    // --- blobs --------------------------------------------------------------------------------

    /** Records that {@code repository} holds the blob (creating repository and blob rows as needed). Idempotent. */
    void linkBlob(String repository, String digest, long size, String mediaType);

    /** The blob's size if it is linked into {@code repository}. */
    Optional<Long> linkedBlobSize(String repository, String digest);

    /**
     * Removes the blob's link from the repository unless a manifest of that repository references it. The check and
     * the removal are one transaction, serialised with {@link #putManifest}'s check of the same link, so a manifest
     * can never end up referencing a blob whose link this removed.
     */
    BlobUnlink unlinkBlob(String repository, String digest);

    /** True while any repository links the blob or any manifest references it (the content must stay on disk). */
    boolean isBlobInUse(String digest);

    // --- upload sessions ----------------------------------------------------------------------

    void createUpload(UploadSession session);

    Optional<UploadSession> findUpload(String repository, String uploadId);

    /** True if the session existed. */
    boolean deleteUpload(String uploadId);

    /**
     * Ends the upload session and links the blob it became into the session's repository, in one transaction:
     * either the session is gone and the blob linked, or neither. False (and nothing linked) if no such session.
     */
    boolean completeUpload(String uploadId, String digest, long size);

    // --- manifests and tags -------------------------------------------------------------------

    /**
     * Stores a manifest, its references and moves every tag in {@code tags} to it, in one transaction.
     * Putting the same digest again is idempotent (the tags still move).
     *
     * <p>Every blob reference must be linked in {@code repository} and every manifest reference (an index's
     * children) stored there; otherwise nothing is stored and {@link MissingReferencesException} names what is
     * missing. The check holds until the transaction ends: a concurrent {@link #unlinkBlob} or {@link #deleteManifest}
     * of what it found waits for it and then sees the manifest. The subject is not a reference: the spec lets it be missing.
     *
     * <p>A tag {@code policy} holds immutable is set only where it is new or already points at this manifest; else
     * nothing is stored and {@link ImmutableTagException} names it. Two first pushes of one such tag at once: one wins.
     */
    void putManifest(String repository, NewManifest manifest, List<String> tags, TagPolicy policy);

    /** {@link #putManifest(String, NewManifest, List, TagPolicy)} with every tag mutable. */
    default void putManifest(String repository, NewManifest manifest, List<String> tags) {
        putManifest(repository, manifest, tags, TagPolicy.MUTABLE);
    }

    /** {@link #putManifest(String, NewManifest, List)} with at most one tag ({@code null} for none). */
    default void putManifest(String repository, NewManifest manifest, String tag) {
        putManifest(repository, manifest, tag == null ? List.of() : List.of(tag));
    }

    Optional<ManifestRecord> findManifest(String repository, String digest);

    Optional<ManifestRecord> findManifestByTag(String repository, String tag);

    /**
     * Deletes the manifest, every tag pointing at it and its references, unless an index of the repository lists it
     * as a child. The check and the delete are one transaction, serialised like {@link #unlinkBlob} with
     * {@link #putManifest}'s check of the same child. Nor is it deleted while a tag {@code policy} holds immutable
     * points at it ({@link ManifestDeletion.Protected}).
     */
    ManifestDeletion deleteManifest(String repository, String digest, TagPolicy policy);

    /** {@link #deleteManifest(String, String, TagPolicy)} with every tag mutable. */
    default ManifestDeletion deleteManifest(String repository, String digest) {
        return deleteManifest(repository, digest, TagPolicy.MUTABLE);
    }

    /** Deletes one tag (the manifest stays); true if it existed. */
    boolean deleteTag(String repository, String tag);

    /** Tags of the repository in lexical order, strictly after {@code last} (null for the start), at most {@code limit}. */
    List<String> listTags(String repository, String last, int limit);

    /** True if the repository has any manifest, tag or blob link. */
    boolean repositoryExists(String repository);

    /** Manifests in {@code repository} whose subject is {@code subjectDigest}, optionally only of {@code artifactType}. */
    List<ManifestRecord> findReferrers(String repository, String subjectDigest, String artifactType);

    // --- garbage collection --------------------------------------------------------------------

    /**
     * Manifests created before {@code createdBefore} that nothing in their repository reaches: no tag points at them,
     * no index lists them, and their subject (if any) is not stored there. Deleting one can make others unreached
     * (an index's children, a subject's referrers), so a collector asks again after each round.
     */
    List<ManifestRecord> unreachedManifests(Instant createdBefore);

    /**
     * Deletes the manifest (with its references) if it is still unreached and older than {@code createdBefore},
     * checked after locking it, so a concurrent push that tags it or lists it in an index either committed first
     * (and it stays) or waits and finds it gone. True if deleted.
     */
    boolean deleteUnreachedManifest(String repository, String digest, Instant createdBefore);

    /**
     * Blob rows created before {@code createdBefore} that no manifest references, no manifest is stored under, no Bolt
     * item serves, and that no repository linked at or after {@code createdBefore} (a push in progress links first).
     */
    List<StoredBlob> unreferencedBlobs(Instant createdBefore);

    /**
     * Deletes the blob row and every repository's link to it if it is still as {@link #unreferencedBlobs} describes,
     * checked after locking the row and its links, so a manifest put that found a link either committed first (and
     * the blob stays) or waits and is refused for the missing link. True if deleted.
     */
    boolean deleteUnreferencedBlob(String digest, Instant createdBefore);

    /** Upload sessions started before {@code startedBefore}, oldest first. */
    List<UploadSession> uploadsStartedBefore(Instant startedBefore);

    /**
     * Runs {@code work} while holding the one collector lock of this metadata database (PostgreSQL: an advisory lock
     * every Drift process sharing the database competes for); empty, without running it, if another collector holds it.
     */
    <T> Optional<T> underCollectorLock(Supplier<T> work);

    /**
     * Runs {@code work} holding the content lock of {@code digest}, which every Drift process sharing this database
     * takes alike. It orders a removal of the digest's bytes against a push of the same bytes, which row locks cannot,
     * since the bytes live outside the database: whoever deletes the bytes holds it {@link LockMode#EXCLUSIVE} while it
     * checks that nothing uses them and deletes them; whoever links bytes it stored holds it {@link LockMode#SHARED}
     * while it checks that they are still there and links them.
     */
    <T> T underContentLock(String digest, LockMode mode, LockedWork<T> work) throws IOException;

    // --- Bolt profiles and plugins ------------------------------------------------------------

    /** Inserts or replaces the item with the same kind and name (keeping its download count). */
    BoltItem saveBoltItem(BoltItem item);

    Optional<BoltItem> findBoltItem(BoltKind kind, String name);

    /**
     * One page (1-based) of items of {@code kind}, ordered by name. {@code query} (nullable) matches name or
     * description case-insensitively; {@code tag} (nullable) requires that tag.
     */
    Page<BoltItem> listBoltItems(BoltKind kind, String query, String tag, int page, int perPage);

    boolean deleteBoltItem(BoltKind kind, String name);

    /** Adds one to the item's download count; false if no such item. */
    boolean recordBoltDownload(BoltKind kind, String name);

    BoltTotals boltTotals();

    @Override
    void close();
}
