package dev.drift.ops.registry.service;

/**
 * A request the registry understood and refuses because of what it holds (content unknown, content still needed).
 * The message is meant for the client and names what is missing or why; it never holds a secret.
 */
public abstract sealed class RefusedException extends RuntimeException
        permits UnknownContentException, StillReferencedException, TagImmutableException, ContentRemovedException {

    protected RefusedException(String message) {
        super(message);
    }
}
