package dev.drift.ops.registry.store;

import java.util.List;

/** What {@link MetadataStore#deleteManifest} did with a repository's manifest. */
public sealed interface ManifestDeletion {

    /** The repository has no manifest with that digest. */
    record NotStored() implements ManifestDeletion {
    }

    /** Indexes of the repository list the manifest as a child, so it stays; their digests in order. */
    record Referenced(List<String> indexes) implements ManifestDeletion {
        public Referenced {
            indexes = List.copyOf(indexes);
        }
    }

    /** Immutable tags point at the manifest, so it stays; their names in order. */
    record Protected(List<String> tags) implements ManifestDeletion {
        public Protected {
            tags = List.copyOf(tags);
        }
    }

    /** The manifest, its tags and its references are gone. */
    record Deleted() implements ManifestDeletion {
    }
}
