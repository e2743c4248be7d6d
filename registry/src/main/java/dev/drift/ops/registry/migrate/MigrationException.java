package dev.drift.ops.registry.migrate;

/** A migration that cannot start, failed part-way (and was rolled back), or copied data that does not verify. */
public final class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
