package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.Console;
import java.util.List;

/**
 * Stands Drift and its backend up on one kind of target ({@code local} today; {@code docker} and
 * {@code k8s} fit the same shape) and finds them again through the {@link Deployment} it records.
 */
public interface Provisioner {

    /** The name {@code --target} selects it by. */
    String target();

    /**
     * Starts the backend (when it is drift-ops' to start) and Drift, records the deployment and
     * waits for {@code /readyz}. On failure everything started is stopped again and a
     * {@link dev.drift.ops.cli.CliException} says why.
     */
    Deployment up(UpRequest request, Console console);

    /** One row per component: its id (pid, container), health and URL. */
    List<ComponentStatus> status(Deployment deployment);

    /** Stops everything the deployment names, registry first, and forgets it; {@code purge} deletes the data too. */
    void down(Deployment deployment, boolean purge, Console console);

    /** Blocks until the registry stops (for {@code up} in the foreground). */
    void awaitExit(Deployment deployment) throws InterruptedException;
}
