package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.Console;
import dev.drift.ops.config.DatabaseBackend;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stands Drift and its backend up on one kind of target ({@code local}, {@code docker},
 * {@code k8s}) and finds them again through the {@link Deployment} it records. Commands ask the
 * provisioner, never which target it is.
 */
public interface Provisioner {

    /** The name {@code --target} selects it by. */
    String target();

    /**
     * Why this target cannot stand {@code backend} up as asked, found out before anything is
     * started (zqlite with neither a server URL nor an image that meets the ZQLite contract); empty
     * when it can.
     */
    Optional<String> preflight(DatabaseBackend backend, Optional<String> zqliteUrl, Console console);

    /**
     * The same target deploying an instance of that name, for runs side by side (test gives each
     * backend one); a target without instance names returns itself.
     */
    Provisioner named(String instance);

    /**
     * Starts the backend (when it is drift-ops' to start) and Drift, records the deployment and
     * waits for {@code /readyz}. On failure everything started is stopped again and a
     * {@link dev.drift.ops.cli.CliException} says why.
     */
    Deployment up(UpRequest request, Console console);

    /** One row per component: its id (pid, container, pod), health and URL. */
    List<ComponentStatus> status(Deployment deployment);

    /**
     * Hands the last {@code lines} lines of a component's log to {@code sink}, then, with
     * {@code follow}, new ones until interrupted.
     */
    void logs(Deployment deployment, String component, int lines, boolean follow, Consumer<String> sink)
            throws IOException, InterruptedException;

    /**
     * The instance called {@code name} as the target has it, for status, logs and down without a
     * state file; empty when nothing of it exists.
     */
    Optional<Deployment> find(String name, DataDir dataDir);

    /** Stops everything the deployment names, registry first, and forgets it; {@code purge} deletes the data too. */
    void down(Deployment deployment, boolean purge, Console console);

    /** Blocks until the registry stops (for {@code up} in the foreground). */
    void awaitExit(Deployment deployment) throws InterruptedException;
}
