package dev.drift.ops.registry.bolt;

/** Ends a /v1 request with {@code {"error": ...}} and the given status. */
final class BoltException extends RuntimeException {

    private final int status;

    BoltException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
