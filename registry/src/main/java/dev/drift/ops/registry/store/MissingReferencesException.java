package dev.drift.ops.registry.store;

import java.util.List;
import java.util.stream.Stream;

/**
 * A manifest was refused because content it references is not in its repository: {@code blobs} (config and layers
 * without a link there) and {@code manifests} (index children not stored there), each in the manifest's order.
 */
public final class MissingReferencesException extends RuntimeException {

    private final List<String> blobs;
    private final List<String> manifests;

    public MissingReferencesException(String repository, List<String> blobs, List<String> manifests) {
        super("manifest references content that is not in " + repository + ": "
                + String.join(", ", Stream.concat(blobs.stream(), manifests.stream()).toList()));
        this.blobs = List.copyOf(blobs);
        this.manifests = List.copyOf(manifests);
    }

    public List<String> blobs() {
        return blobs;
    }

    public List<String> manifests() {
        return manifests;
    }
}
