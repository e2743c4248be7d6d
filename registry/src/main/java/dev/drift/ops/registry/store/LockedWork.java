package dev.drift.ops.registry.store;

import java.io.IOException;

/** What {@link MetadataStore#underContentLock} runs while it holds the lock; it may touch the blob store. */
@FunctionalInterface
public interface LockedWork<T> {
    T run() throws IOException;
}
