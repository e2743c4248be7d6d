package dev.drift.ops.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real command-line clients (skopeo, docker) and hands back what they printed. */
public final class Commands {

    /** Long enough for a push of a few small layers on a busy 2-core machine. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    /** What a finished command left behind; exitCode is -1 when it could not be started. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        public String describe() {
            return "`" + String.join(" ", command) + "` exited with " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private Commands() {}

    /** Runs the command and fails the test, showing its output, unless it exits with 0. */
    public static String run(String... command) {
        Result result = tryRun(DEFAULT_TIMEOUT, command);
        if (!result.succeeded()) {
            fail(result.describe());
        }
        return result.stdout().strip();
    }

    /** Runs the command and reports how it ended without judging it. */
    public static Result tryRun(Duration timeout, String... command) {
        List<String> argv = List.of(command);
        Path stdout = null;
        Path stderr = null;
        try {
            // Files rather than pipes: nothing can block on a full pipe while we wait.
            stdout = Files.createTempFile("command", ".out");
            stderr = Files.createTempFile("command", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(argv, -1, read(stdout), "timed out after " + timeout + "\n" + read(stderr));
            }
            return new Result(argv, process.exitValue(), read(stdout), read(stderr));
        } catch (IOException e) {
            return new Result(argv, -1, "", "could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(argv, -1, "", "interrupted");
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless; the command's result matters more.
        }
    }
}
