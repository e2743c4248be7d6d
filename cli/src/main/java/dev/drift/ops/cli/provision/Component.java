package dev.drift.ops.cli.provision;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One process a provisioner started: the registry, or the PostgreSQL it runs for it.
 *
 * @param marker   text the process's command line contains, so a pid the OS reused for another
 *                 program is never taken for ours (and never stopped)
 * @param endpoint where it listens, e.g. {@code http://127.0.0.1:5000} or {@code 127.0.0.1:5433}
 */
public record Component(String name, long pid, String marker, String endpoint, Path log) {

    /** The running process, if it is still ours. */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(true));
    }

    public boolean isRunning() {
        return process().isPresent();
    }
}
