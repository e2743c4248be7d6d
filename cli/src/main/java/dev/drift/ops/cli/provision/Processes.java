package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Running helper programs, stopping processes by pid, and finding ports: the local target's plumbing. */
public final class Processes {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private Processes() {
    }

    /**
     * Runs {@code command} to completion and returns its output; a non-zero exit becomes a
     * provisioning failure that names {@code what} and quotes the end of the output. Commands never
     * carry secrets.
     */
    public static String run(String what, List<String> command, Console console) {
        console.detail("$ " + String.join(" ", command));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            withoutDriftSettings(builder.environment());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            console.detail(output.strip());
            if (exit != 0) {
                throw CliException.provisioning(what + " failed (exit " + exit + "): "
                        + LogTail.lastLines(output, 5).replace('\n', ' ').strip());
            }
            return output;
        } catch (IOException e) {
            throw CliException.provisioning("cannot run " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.provisioning(what + " was interrupted");
        }
    }

    /**
     * Children must follow the config drift-ops wrote, not DRIFT_* variables meant for drift-ops
     * itself (test-registry.sh sets DRIFT_DATABASE_BACKEND, which the server would read as an override).
     */
    static void withoutDriftSettings(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("DRIFT_"));
    }

    /** Asks {@code process} to stop (SIGTERM), then kills it if it is still there after a grace period. */
    static void stop(ProcessHandle process) {
        process.destroy();
        waitThenKill(process, true);
    }

    /** Waits for a process that was told to stop by other means; kills it after the grace period. */
    static void awaitExit(ProcessHandle process) {
        waitThenKill(process, false);
    }

    /** Waits up to the grace period for {@code process} to exit, killing it when it does not (or, if asked, when interrupted). */
    private static void waitThenKill(ProcessHandle process, boolean killWhenInterrupted) {
        try {
            process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (killWhenInterrupted) {
                process.destroyForcibly();
            }
        }
    }

    /** A port on 127.0.0.1 that nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails early, with the port named, when something already listens on 127.0.0.1:{@code port}. */
    static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw CliException.provisioning("port " + port + " on 127.0.0.1 is in use; stop what holds it or "
                    + "choose another with --port");
        }
    }

    /** The program {@code name} on PATH, if there is one. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
