package dev.drift.ops.registry.store;

/** The two kinds of Bolt item Drift stores; each has its own namespace of names and its own API path. */
public enum BoltKind {
    PROFILE("profiles"),
    PLUGIN("plugins");

    private final String path;

    BoltKind(String path) {
        this.path = path;
    }

    /** The path segment under /v1, e.g. "profiles". */
    public String path() {
        return path;
    }
}
