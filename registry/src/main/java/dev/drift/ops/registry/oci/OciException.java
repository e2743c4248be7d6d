package dev.drift.ops.registry.oci;

/** Ends a /v2 request with the spec's error body; {@code detail} is shown to the client, so never put secrets in it. */
public class OciException extends RuntimeException {

    private final OciError error;
    private final int status;

    public OciException(OciError error, String detail) {
        this(error, error.status(), detail);
    }

    /** For the few places where the spec pairs a code with a different status (e.g. 416 on a bad chunk). */
    public OciException(OciError error, int status, String detail) {
        super(detail);
        this.error = error;
        this.status = status;
    }

    public OciError error() {
        return error;
    }

    public int status() {
        return status;
    }
}
