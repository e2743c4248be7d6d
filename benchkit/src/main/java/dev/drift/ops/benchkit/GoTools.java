package dev.drift.ops.benchkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The Go programs {@code scripts/go-tools.sh} builds at the versions {@code scripts/versions.env} pins, for every
 * module that runs one (the CLI's image builds, the bench, the tests): a binary named by an environment variable
 * wins, else what {@code go-tools.sh path TOOL} prints, which builds it first when this machine's cache has no
 * build of that version (minutes; its progress goes to {@code progress} a line at a time).
 *
 * <p>Failures are {@link GoToolException}s whose message says what failed; each caller adds what its user can do
 * instead (an option, a variable) in its own kind of error.
 */
public final class GoTools {

    /** SeaweedFS's weed: the S3 server of the tests, the bench and the drift-seaweedfs image. */
    public static final String WEED_ENV = "DRIFT_WEED";
    public static final String SEAWEEDFS = "seaweedfs";
    public static final String DISTRIBUTION = "distribution";
    /** A cold build of weed takes about 11 minutes on 2 cores; this is a build that hangs. */
    public static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private GoTools() {
    }

    /** The executable {@code env} names, empty when it is unset or blank. */
    public static Optional<Path> fromEnv(String env) {
        String configured = System.getenv(env);
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        Path binary = Path.of(configured);
        if (!Files.isExecutable(binary)) {
            throw new GoToolException(env + "=" + binary + " is not an executable file");
        }
        return Optional.of(binary);
    }

    /** {@code script path tool}: the binary's path, built first if need be. */
    public static Path path(Path script, String tool, Consumer<String> progress) {
        return path(script, tool, progress, BUILD_TIMEOUT);
    }

    static Path path(Path script, String tool, Consumer<String> progress, Duration timeout) {
        if (!Files.isExecutable(script)) {
            throw new GoToolException(script + " is not there to build " + tool);
        }
        try {
            Process process = new ProcessBuilder(script.toString(), "path", tool)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            AtomicReference<String> lastProgress = new AtomicReference<>("");
            Thread forwarder = Thread.ofVirtual().start(() -> forward(process.getErrorStream(), line -> {
                lastProgress.set(line);
                progress.accept(line);
            }));
            // Read on its own thread so that the timeout below bounds a build that hangs with its stdout open.
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> forward(process.getInputStream(), lines::add));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new GoToolException("building " + tool + " took over " + timeout.toSeconds()
                        + " s; run " + script + " build " + tool + " to see why");
            }
            reader.join();
            forwarder.join();
            if (process.exitValue() != 0 || lines.isEmpty()) {
                throw new GoToolException(script + " path " + tool + " failed (exit " + process.exitValue() + "): "
                        + lastProgress.get());
            }
            Path binary = Path.of(lines.getLast().strip());
            if (!Files.isExecutable(binary)) {
                throw new GoToolException(script + " path " + tool + " printed " + binary + ", not an executable");
            }
            return binary;
        } catch (IOException e) {
            throw new GoToolException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GoToolException("interrupted while finding " + tool);
        }
    }

    private static void forward(InputStream stream, Consumer<String> progress) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> progress.accept(line.strip()));
        } catch (IOException | UncheckedIOException e) {
            // The process ended under us; its exit code tells the rest.
        }
    }

    /** A Go program could not be found or built. */
    public static final class GoToolException extends RuntimeException {
        GoToolException(String message) {
            super(message);
        }
    }
}
