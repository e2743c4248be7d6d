package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.cli.provision.Provisioner;
import java.io.IOException;

/**
 * While held, a JVM shutdown (Ctrl-C, SIGTERM) stops whatever the state file of a data directory
 * names, so an interrupted up or test leaves nothing running. Registered before the first process
 * starts; released when the processes are meant to outlive drift-ops or are someone else's.
 */
final class StopOnExit implements AutoCloseable {

    private final Thread hook;

    StopOnExit(Provisioner provisioner, DataDir dataDir, Console console) {
        this.hook = new Thread(() -> stopRecorded(provisioner, dataDir, console), "drift-ops-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Lets the processes outlive drift-ops. False when the JVM is already shutting down (the hook runs). */
    boolean release() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shutdownInProgress) {
            return false;
        }
    }

    @Override
    public void close() {
        release();
    }

    private static void stopRecorded(Provisioner provisioner, DataDir dataDir, Console console) {
        try {
            Deployment.load(dataDir).ifPresent(deployment -> provisioner.down(deployment, false, console));
        } catch (IOException | RuntimeException e) {
            console.raw("drift-ops: while stopping: " + e.getMessage());
        }
    }
}
