package dev.drift.ops.registry.store;

import java.util.List;

/** One page of a listing; {@code page} is 1-based. */
public record Page<T>(List<T> results, long total, int page, int perPage) {

    public Page {
        results = List.copyOf(results);
    }

    public long pages() {
        return perPage <= 0 ? 0 : (total + perPage - 1) / perPage;
    }
}
