package dev.drift.ops.registry.store;

/** The metadata database cannot be reached or failed mid-request; the HTTP layer answers 503. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
