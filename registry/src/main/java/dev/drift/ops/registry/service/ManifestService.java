package dev.drift.ops.registry.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.store.ImmutableTagException;
import dev.drift.ops.registry.store.ManifestDeletion;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MissingReferencesException;
import dev.drift.ops.registry.store.NewManifest;

/**
 * Manifests by digest or tag, and referrers. The document's bytes are kept in the blob store under its digest, so a
 * GET returns exactly what was pushed; the metadata store holds what the registry parsed out of it.
 */
public final class ManifestService {

    private final MetadataStore store;
    private final BlobStore blobs;
    private final ImmutableTags immutableTags;
    private final SharedContent content;

    public ManifestService(MetadataStore store, BlobStore blobs, ImmutableTags immutableTags) {
        this.store = store;
        this.blobs = blobs;
        this.immutableTags = immutableTags;
        this.content = new SharedContent(store, blobs);
    }

    public Optional<ManifestRecord> find(String repository, Digest digest) {
        return store.findManifest(repository, digest.toString());
    }

    public Optional<ManifestRecord> findByTag(String repository, String tag) {
        return store.findManifestByTag(repository, tag);
    }

    /** The stored document; the caller closes the stream. */
    public InputStream open(ManifestRecord manifest) throws IOException {
        return blobs.open(Digest.parse(manifest.digest()), 0);
    }

    /**
     * Stores the document, then its metadata with every tag in {@code tags} moved to it. The metadata store refuses
     * it, with {@link MissingReferencesException}, when the repository lacks a blob or child manifest it references
     * (the document's bytes may then stay in the blob store unreferenced, as any refused push's do), and with
     * {@link TagImmutableException} when it would move an immutable tag.
     */
    public void put(String repository, byte[] document, NewManifest manifest, List<String> tags) throws IOException {
        Digest digest = Digest.parse(manifest.digest());
        blobs.put(new ByteArrayInputStream(document), digest, document.length);
        try {
            content.linkStored(digest, size -> {
                store.putManifest(repository, manifest, tags, immutableTags);
                return digest;
            });
        } catch (ImmutableTagException e) {
            throw new TagImmutableException(repository, e.tag(), immutableTags.matching(e.tag()),
                    "it points at " + e.currentDigest() + "; push under another tag");
        }
    }

    /**
     * Deletes the manifest and its tags. An index's child stays while the index is there ({@link
     * StillReferencedException} names the indexes); {@link UnknownContentException} if the repository has no such
     * manifest.
     */
    public void delete(String repository, Digest digest) {
        switch (store.deleteManifest(repository, digest.toString(), immutableTags)) {
            case ManifestDeletion.NotStored notStored -> throw new UnknownContentException(
                    UnknownContentException.Kind.MANIFEST, "manifest " + digest + " is not in " + repository);
            case ManifestDeletion.Referenced referenced ->
                    throw new StillReferencedException("manifest", repository, digest.toString(), referenced.indexes());
            case ManifestDeletion.Protected kept -> throw new TagImmutableException(repository, kept.tags().getFirst(),
                    immutableTags.matching(kept.tags().getFirst()), "its manifest " + digest + " stays");
            case ManifestDeletion.Deleted deleted -> {
            }
        }
    }

    /** Deletes the tag, keeping its manifest; false if the repository has no such tag. An immutable tag stays. */
    public boolean untag(String repository, String tag) {
        if (immutableTags.isImmutable(tag)) {
            throw new TagImmutableException(repository, tag, immutableTags.matching(tag), "it cannot be deleted");
        }
        return store.deleteTag(repository, tag);
    }

    public List<ManifestRecord> referrers(String repository, Digest subject, String artifactType) {
        return store.findReferrers(repository, subject.toString(), artifactType);
    }
}
