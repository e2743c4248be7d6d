package dev.drift.ops.registry.blob;

/** A digest string that is malformed or uses an algorithm the registry cannot verify. */
public class InvalidDigestException extends IllegalArgumentException {

    public InvalidDigestException(String message) {
        super(message);
    }
}
