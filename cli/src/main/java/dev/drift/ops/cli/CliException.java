package dev.drift.ops.cli;

/**
 * A failure the user can act on: its message is printed as the one red line and its exit code is
 * one of {@link ExitCodes}. Messages never contain secrets.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    public static CliException provisioning(String message) {
        return new CliException(ExitCodes.PROVISIONING, message);
    }

    public static CliException io(String message, Throwable cause) {
        return new CliException(ExitCodes.IO, message, cause);
    }
}
