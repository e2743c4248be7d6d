package dev.drift.ops.registry.service;

import java.util.List;

/** A blob DELETE refused because manifests of the repository still reference the blob; they are named. */
public final class BlobReferencedException extends RefusedException {

    private final List<String> manifests;

    public BlobReferencedException(String repository, String digest, List<String> manifests) {
        super("blob " + digest + " is referenced by manifest" + (manifests.size() == 1 ? " " : "s ")
                + String.join(", ", manifests) + " in " + repository + "; delete " + (manifests.size() == 1 ? "it" : "them")
                + " first");
        this.manifests = List.copyOf(manifests);
    }

    public List<String> manifests() {
        return manifests;
    }
}
