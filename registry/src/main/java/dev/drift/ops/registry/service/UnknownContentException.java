package dev.drift.ops.registry.service;

/** The registry has no such repository, or the repository no such blob, upload session, manifest or Bolt item. */
public final class UnknownContentException extends RefusedException {

    /** What was looked for. */
    public enum Kind { REPOSITORY, BLOB, UPLOAD, MANIFEST, BOLT_ITEM }

    private final Kind kind;

    public UnknownContentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
