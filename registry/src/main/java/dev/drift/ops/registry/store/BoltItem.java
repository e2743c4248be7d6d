package dev.drift.ops.registry.store;

import java.time.Instant;
import java.util.List;

/**
 * A Bolt profile or plugin.
 *
 * @param document       the item's metadata as uploaded, a JSON object (returned by GET /v1/{kind}/{name})
 * @param contentDigest  digest of the downloadable content in the blob store
 * @param contentType    media type served on download
 * @param downloads      download count, maintained by the store
 */
public record BoltItem(
        BoltKind kind,
        String name,
        String version,
        String description,
        String author,
        List<String> tags,
        double rating,
        String document,
        String contentDigest,
        long contentSize,
        String contentType,
        long downloads,
        Instant createdAt,
        Instant updatedAt) {

    public BoltItem {
        tags = List.copyOf(tags);
    }
}
