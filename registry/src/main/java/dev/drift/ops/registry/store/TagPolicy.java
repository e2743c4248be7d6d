package dev.drift.ops.registry.store;

/**
 * Which tags stay where they were first pushed ({@code [registry] immutable_tags}): the metadata store keeps such a tag
 * from moving to another manifest, and its manifest from being deleted, inside the transaction that would do it.
 */
@FunctionalInterface
public interface TagPolicy {

    /** Every tag may move and go. */
    TagPolicy MUTABLE = tag -> false;

    boolean isImmutable(String tag);
}
