package dev.drift.ops.registry.service;

/** The repository has no such blob, upload session, manifest or Bolt item; the message names which. */
public final class UnknownContentException extends RefusedException {

    /** What was looked for. */
    public enum Kind { BLOB, UPLOAD, MANIFEST, BOLT_ITEM }

    private final Kind kind;

    public UnknownContentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
