package dev.drift.ops.registry.service;

import java.util.List;

/**
 * A DELETE refused because manifests of the repository still reference the content (a blob they use, a manifest an
 * index lists); the message names them and says to delete them first.
 */
public final class StillReferencedException extends RefusedException {

    private final List<String> manifests;

    /** {@code what} is "blob" or "manifest". */
    public StillReferencedException(String what, String repository, String digest, List<String> manifests) {
        super(what + " " + digest + " is referenced by manifest" + (manifests.size() == 1 ? " " : "s ")
                + String.join(", ", manifests) + " in " + repository + "; delete " + (manifests.size() == 1 ? "it" : "them")
                + " first");
        this.manifests = List.copyOf(manifests);
    }

    public List<String> manifests() {
        return manifests;
    }
}
