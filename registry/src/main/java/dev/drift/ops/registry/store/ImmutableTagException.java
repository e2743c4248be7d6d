package dev.drift.ops.registry.store;

/** A push would have moved an immutable tag ({@link TagPolicy}) off the manifest it points at; nothing was stored. */
public final class ImmutableTagException extends RuntimeException {

    private final String tag;
    private final String currentDigest;

    public ImmutableTagException(String repository, String tag, String currentDigest) {
        super("tag " + tag + " in " + repository + " is immutable and points at " + currentDigest);
        this.tag = tag;
        this.currentDigest = currentDigest;
    }

    public String tag() {
        return tag;
    }

    public String currentDigest() {
        return currentDigest;
    }
}
