package dev.drift.ops.benchkit;

/** The bench cannot go on: a server did not start, an operation failed, or the input is wrong. */
public class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
