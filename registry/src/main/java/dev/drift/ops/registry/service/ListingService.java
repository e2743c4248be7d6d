package dev.drift.ops.registry.service;

import java.util.List;

import dev.drift.ops.registry.store.MetadataStore;

/** Names in lexical order, a page at a time: the tags of a repository and the repositories themselves. */
public final class ListingService {

    private final MetadataStore store;

    public ListingService(MetadataStore store) {
        this.store = store;
    }

    /** Tags strictly after {@code last} (null for the start), at most {@code limit}; unknown repositories are refused. */
    public List<String> tags(String repository, String last, int limit) {
        if (!store.repositoryExists(repository)) {
            throw new UnknownContentException(UnknownContentException.Kind.REPOSITORY,
                    "repository " + repository + " is not known");
        }
        return store.listTags(repository, last, limit);
    }

    /** Repositories holding anything, strictly after {@code last} (null for the start), at most {@code limit}. */
    public List<String> repositories(String last, int limit) {
        return store.listRepositories(last, limit);
    }
}
