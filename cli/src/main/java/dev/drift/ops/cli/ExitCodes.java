package dev.drift.ops.cli;

/**
 * The exit codes of every drift-ops command, listed in the top-level help so scripts can tell a
 * failed test run from a registry that never came up.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** {@code test}: the suite ran and at least one check failed. */
    public static final int TESTS_FAILED = 1;
    /** {@code migrate}: the copy failed (the target is left as it was) or --verify found a difference. */
    public static final int MIGRATION_FAILED = 1;
    /** {@code gc}: the collection failed (what it removed stays removed) or another collector was running. */
    public static final int GC_FAILED = 1;
    /** Unknown command or option, a missing or malformed value. */
    public static final int USAGE = 2;
    /** drift.toml settings that do not validate (the message names the key). */
    public static final int CONFIG = 3;
    /** An image could not be built, or a backend or the registry could not be started or did not become ready. */
    public static final int PROVISIONING = 4;
    /** {@code status}, {@code logs}: no Drift started by drift-ops runs from that data directory. */
    public static final int NOT_RUNNING = 5;
    /** Reading or writing a file failed. */
    public static final int IO = 6;
    /** A bug in drift-ops: rerun with --verbose and report the stack trace. */
    public static final int INTERNAL = 70;

    /** The text of the help footer; keep in step with the constants above. */
    static final String FOOTER = """

            Exit codes:
              0   success
              1   test: at least one check failed; migrate: the copy failed or did not verify;
                  gc: the collection failed or another collector was running
              2   usage error (unknown command or option, bad value)
              3   invalid drift.toml settings
              4   an image, a backend or the registry could not be built, started or made ready
              5   status/logs: nothing started by drift-ops runs from that data directory
              6   a file could not be read or written
              70  internal error (rerun with --verbose and report the stack trace)""";

    private ExitCodes() {
    }
}
