package dev.drift.ops.registry.oci;

import java.util.List;

import dev.drift.ops.registry.store.NewManifest;

/**
 * A pushed manifest ready to store, plus the blobs that must already be in the repository for it to be
 * accepted. Only an image's config is required: layers and index children may be absent on purpose
 * (sparse mirrors of some platforms or layers, the spec's "sparse" manifests), but an image without its
 * config cannot be run by anyone.
 */
record ParsedManifest(NewManifest manifest, List<String> requiredBlobs) {

    ParsedManifest {
        requiredBlobs = List.copyOf(requiredBlobs);
    }
}
