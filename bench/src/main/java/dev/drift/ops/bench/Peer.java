package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registry Drift is measured beside: CNCF Distribution (by default the release scripts/versions.env pins, which
 * scripts/go-tools.sh builds from the Go module proxy and caches) or Debian's docker-registry (distribution 2.8). Both
 * read the same YAML config and take {@code serve CONFIG}.
 *
 * @param name   distribution or docker-registry: the server's name in the progress lines and the JSON
 * @param binary its executable
 */
public record Peer(String name, Path binary) {

    public static final String DISTRIBUTION = "distribution";
    public static final String DOCKER_REGISTRY = "docker-registry";

    private static final long VERSION_TIMEOUT_SECONDS = 10;

    /** Debian's docker-registry at {@code binary}. */
    public static Peer dockerRegistry(Path binary) {
        return new Peer(DOCKER_REGISTRY, binary);
    }

    /**
     * Distribution at the pinned version: what {@code go-tools.sh path distribution} prints, building it first when
     * this machine has no build of that version yet (several minutes; its progress shows on stderr).
     */
    public static Peer pinnedDistribution(Path goTools) {
        if (!Files.isExecutable(goTools)) {
            throw new BenchException(goTools + " is not there to build the peer (CNCF Distribution); run the bench from "
                    + "the drift-ops checkout, or pass --distribution PATH or --docker-registry PATH");
        }
        try {
            Process process = new ProcessBuilder(goTools.toString(), "path", DISTRIBUTION)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().close();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (process.waitFor() != 0 || lines.isEmpty()) {
                throw new BenchException(goTools + " path " + DISTRIBUTION + " failed (exit " + process.exitValue() + ")");
            }
            return new Peer(DISTRIBUTION, Path.of(lines.getLast().strip()));
        } catch (IOException e) {
            throw new BenchException("cannot run " + goTools + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while building the peer", e);
        }
    }

    /** Fails fast, before anything starts, when the binary is missing. */
    public void require() {
        if (!Files.isExecutable(binary)) {
            throw new BenchException(binary + " is not there; " + (name.equals(DOCKER_REGISTRY)
                    ? "install Debian's docker-registry package (apt-get install docker-registry)"
                    : "build it with scripts/go-tools.sh path distribution") + " or pass another PATH");
        }
    }

    /** {@code distribution v3.1.2}, {@code docker-registry v2.8.2+ds1}: the last word of {@code --version}. */
    public String version() {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // "registry github.com/distribution/distribution/v3 v3.1.2",
            // "/usr/bin/docker-registry github.com/docker/distribution v2.8.2+ds1"
            String[] words = output.split("\\s+");
            return name + " " + words[words.length - 1];
        } catch (IOException e) {
            return name + " (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name + " (version unknown)";
        }
    }
}
