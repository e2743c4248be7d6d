package dev.drift.ops.registry.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.store.BoltItem;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.BoltTotals;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.Page;

/** Bolt profiles and plugins: the item's metadata in the metadata store, its downloadable file in the blob store. */
public final class BoltService {

    private final MetadataStore store;
    private final BlobStore blobs;
    private final SharedContent shared;

    public BoltService(MetadataStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
        this.shared = new SharedContent(store, blobs);
    }

    /**
     * Stores {@code content} under its sha256 digest, then the item with that digest (the item's own
     * {@code contentDigest} is ignored), replacing an item of the same kind and name; returns what was saved.
     */
    public BoltItem publish(BoltItem item, byte[] content) throws IOException {
        Digest digest = blobs.put(new ByteArrayInputStream(content), null, content.length);
        BoltItem stored = new BoltItem(item.kind(), item.name(), item.version(), item.description(),
                item.author(), item.tags(), item.rating(), item.document(), digest.toString(), content.length,
                item.contentType(), 0, item.createdAt(), item.updatedAt());
        return shared.linkStored(digest, size -> store.saveBoltItem(stored));
    }

    /** The item; {@link UnknownContentException} if there is none. */
    public BoltItem find(BoltKind kind, String name) {
        return store.findBoltItem(kind, name).orElseThrow(() -> unknown(kind, name));
    }

    /** As {@link #find}, counting a download of it. */
    public BoltItem download(BoltKind kind, String name) {
        BoltItem item = find(kind, name);
        store.recordBoltDownload(kind, name);
        return item;
    }

    /** The item's downloadable file; the caller closes the stream. */
    public InputStream open(BoltItem item) throws IOException {
        return blobs.open(Digest.parse(item.contentDigest()), 0);
    }

    public Page<BoltItem> list(BoltKind kind, String query, String tag, int page, int perPage) {
        return store.listBoltItems(kind, query, tag, page, perPage);
    }

    /** Deletes the item; {@link UnknownContentException} if there is none. */
    public void delete(BoltKind kind, String name) {
        if (!store.deleteBoltItem(kind, name)) {
            throw unknown(kind, name);
        }
    }

    public BoltTotals totals() {
        return store.boltTotals();
    }

    private static UnknownContentException unknown(BoltKind kind, String name) {
        return new UnknownContentException(UnknownContentException.Kind.BOLT_ITEM, kind.path() + " has no item named " + name);
    }
}
