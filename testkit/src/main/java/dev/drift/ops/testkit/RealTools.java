package dev.drift.ops.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards for tests that drive real tools. On a developer machine a missing tool skips the
 * test with a one-line reason; in CI (environment variable CI set) it fails the test, so a
 * broken CI image cannot pass by skipping everything.
 */
public final class RealTools {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private RealTools() {}

    public static void requireSkopeo() {
        requireCommand("skopeo", "--version");
    }

    public static void requireDockerEngine() {
        requireCommand("docker", "--version");
        Commands.Result info = Commands.tryRun(PROBE_TIMEOUT, "docker", "info", "--format", "{{.ServerVersion}}");
        if (!info.succeeded()) {
            unavailable("no Docker engine answers `docker info`: " + firstLine(info.stderr()));
        }
    }

    /** Skips or fails (see class comment) unless `command args...` runs and exits with 0. */
    public static void requireCommand(String command, String... probeArgs) {
        String[] argv = new String[probeArgs.length + 1];
        argv[0] = command;
        System.arraycopy(probeArgs, 0, argv, 1, probeArgs.length);
        Commands.Result probe = Commands.tryRun(PROBE_TIMEOUT, argv);
        if (!probe.succeeded()) {
            unavailable(command + " is not usable here: " + firstLine(probe.stderr()));
        }
    }

    public static boolean runningInCi() {
        String ci = System.getenv("CI");
        // Maven hands over the literal "${env.CI}" when CI is not set at all.
        return ci != null && !ci.isBlank() && !ci.startsWith("${")
                && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /** Skips or fails (see class comment) unless {@code path} is an executable file; {@code install} says how to get it. */
    public static void requireExecutable(java.nio.file.Path path, String install) {
        if (!java.nio.file.Files.isExecutable(path)) {
            unavailable(path + " is missing (" + install + ")");
        }
    }

    /** Skips the test with {@code reason}, or fails it in CI (see class comment). */
    public static void unavailable(String reason) {
        if (runningInCi()) {
            fail(reason + " (CI is set, so a missing tool is an error, not a skip)");
        }
        Assumptions.abort(reason);
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
