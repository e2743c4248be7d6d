package dev.drift.ops.registry.store;

import java.util.List;

/** What {@link MetadataStore#unlinkBlob} did with a repository's link to a blob. */
public sealed interface BlobUnlink {

    /** The repository had no link to the blob. */
    record NotLinked() implements BlobUnlink {
    }

    /** Manifests of the repository reference the blob, so the link stays; their digests in order. */
    record Referenced(List<String> manifests) implements BlobUnlink {
        public Referenced {
            manifests = List.copyOf(manifests);
        }
    }

    /**
     * The link is gone. {@code contentUnused} says whether, as of that same transaction, nothing else needs the
     * content (no other link, reference, manifest document or Bolt item), so its bytes may be removed.
     */
    record Unlinked(boolean contentUnused) implements BlobUnlink {
    }
}
