package dev.drift.ops.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real one-node Kubernetes cluster of {@code scripts/local-cluster.sh}, for the tests that
 * need one. Not running skips a test on a developer's machine and fails it in CI, like any
 * missing tool ({@link RealTools}); {@code .ci/run} starts it.
 */
public final class LocalCluster {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(30);
    /** Saving a few hundred MB from Docker and importing them into the node's containerd. */
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

    private LocalCluster() {
    }

    /** The admin kubeconfig of the running cluster; skips or fails when it does not run. */
    public static Path require() {
        Path script = script();
        RealTools.requireExecutable(script, "part of this repository");
        Commands.Result status = Commands.tryRun(STATUS_TIMEOUT, script.toString(), "status");
        if (!status.succeeded()) {
            RealTools.unavailable("the local Kubernetes cluster is not running (scripts/local-cluster.sh up starts it): "
                    + status.stdout().strip().lines().reduce((first, second) -> second).orElse(status.stderr().strip()));
        }
        return Path.of(Commands.run(script.toString(), "kubeconfig"));
    }

    /** Copies Docker images into the node, so pods run them without pulling. */
    public static void loadImages(String... images) {
        List<String> command = new ArrayList<>(List.of(script().toString(), "load-image"));
        command.addAll(List.of(images));
        Commands.Result result = Commands.tryRun(LOAD_TIMEOUT, command.toArray(String[]::new));
        if (!result.succeeded()) {
            fail(result.describe());
        }
    }

    /** scripts/local-cluster.sh of this checkout, found from the module directory a test runs in. */
    private static Path script() {
        return RepositoryRoot.find().resolve("scripts/local-cluster.sh");
    }
}
