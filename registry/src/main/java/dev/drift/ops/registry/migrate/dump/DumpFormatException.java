package dev.drift.ops.registry.migrate.dump;

/** A dump file that cannot be read as the format it was said to be in; the message names the place. */
public final class DumpFormatException extends RuntimeException {

    public DumpFormatException(String message) {
        super(message);
    }
}
