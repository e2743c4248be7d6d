package dev.drift.ops.registry.service;

/**
 * The bytes a push stored were deleted, as unused, between storing them and linking them: a removal of the same
 * content (a blob DELETE of its last link, a garbage collection) ran at that moment. Nothing was linked; pushing again
 * stores them anew.
 */
public final class ContentRemovedException extends RefusedException {

    public ContentRemovedException(String digest) {
        super("the content " + digest + " was removed by a concurrent delete or garbage collection while this push "
                + "stored it; nothing was linked, push it again");
    }
}
