package dev.drift.ops.bench;

/** The metadata backends the bench can stand Drift up on by itself (ZQLite has no server to start here). */
public enum Backend {
    SQLITE, POSTGRES;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
