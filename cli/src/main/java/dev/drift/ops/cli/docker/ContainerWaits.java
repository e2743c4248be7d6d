package dev.drift.ops.cli.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.provision.Readiness;
import java.time.Duration;
import java.time.Instant;

/**
 * Waiting for a started container with progress on the console: until the engine calls it
 * healthy, or until Drift's /readyz answers. A container that exits (or that its restart policy
 * restarts) meanwhile ends the wait with its last log lines on the console.
 */
final class ContainerWaits {

    private static final int LOG_LINES_ON_FAILURE = 20;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private ContainerWaits() {
    }

    /** Until the engine calls the container healthy (or running, when it has no healthcheck). */
    static void awaitHealthy(DockerEngine engine, String id, ContainerSpec spec, Duration timeout, Console console) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        int restarts = restartCount(engine, id);
        String waiting = "waiting for " + spec.name() + " to be healthy";
        while (Instant.now().isBefore(deadline)) {
            InspectContainerResponse state = engine.client().inspectContainerCmd(id).exec();
            if (!isUp(state, restarts)) {
                console.endWait("it exited");
                throw exited(engine, id, spec, console);
            }
            String health = state.getState().getHealth() == null ? "healthy" : state.getState().getHealth().getStatus();
            if (health.equals("healthy")) {
                console.endWait("healthy after " + Duration.between(start, Instant.now()).toMillis() / 100 / 10.0 + " s");
                return;
            }
            console.tick(waiting);
            sleep();
        }
        console.endWait("not healthy after " + timeout.toSeconds() + " s");
        showLogs(engine, id, spec, console);
        throw CliException.provisioning(spec.name() + " did not become healthy within " + timeout.toSeconds()
                + " s; its last log lines are above");
    }

    static void awaitReady(DockerEngine engine, String id, ContainerSpec spec, String url, Duration timeout,
                           Console console) {
        int restarts = restartCount(engine, id);
        if (!Readiness.await(url, timeout, () -> isUp(engine.client().inspectContainerCmd(id).exec(), restarts), console)) {
            if (!isUp(engine.client().inspectContainerCmd(id).exec(), restarts)) {
                throw exited(engine, id, spec, console);
            }
            showLogs(engine, id, spec, console);
            throw CliException.provisioning("Drift did not become ready at " + url + "/readyz within "
                    + timeout.toSeconds() + " s; the last lines of its log are above");
        }
    }

    private static CliException exited(DockerEngine engine, String id, ContainerSpec spec, Console console) {
        showLogs(engine, id, spec, console);
        return CliException.provisioning(spec.name() + " exited before it became ready; the last lines of its log "
                + "are above");
    }

    /** Running, and not restarted (by the restart policy) since the wait began. */
    private static boolean isUp(InspectContainerResponse state, int restartsBefore) {
        return Boolean.TRUE.equals(state.getState().getRunning()) && !Boolean.TRUE.equals(state.getState().getRestarting())
                && (state.getRestartCount() == null || state.getRestartCount() <= restartsBefore);
    }

    private static int restartCount(DockerEngine engine, String id) {
        Integer count = engine.client().inspectContainerCmd(id).exec().getRestartCount();
        return count == null ? 0 : count;
    }

    private static void showLogs(DockerEngine engine, String id, ContainerSpec spec, Console console) {
        console.raw("--- last lines of " + spec.name() + " ---");
        ContainerLogs.tail(engine, id, LOG_LINES_ON_FAILURE).forEach(console::raw);
        console.raw("---");
    }


    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.provisioning("interrupted while waiting");
        }
    }
}
