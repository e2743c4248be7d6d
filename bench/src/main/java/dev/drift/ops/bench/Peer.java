package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.GoTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public static final String DISTRIBUTION = GoTools.DISTRIBUTION;
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
        try {
            return new Peer(DISTRIBUTION, GoTools.path(goTools, GoTools.DISTRIBUTION, System.err::println));
        } catch (GoTools.GoToolException e) {
            throw new BenchException(e.getMessage() + "; pass --distribution PATH or --docker-registry PATH", e);
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
