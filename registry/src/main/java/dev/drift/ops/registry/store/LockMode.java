package dev.drift.ops.registry.store;

/** How {@link MetadataStore#underContentLock} holds a digest's content lock. */
public enum LockMode {
    /** Held by whoever links content it just stored: any number at once. */
    SHARED,
    /** Held by whoever deletes content's bytes: alone. */
    EXCLUSIVE
}
