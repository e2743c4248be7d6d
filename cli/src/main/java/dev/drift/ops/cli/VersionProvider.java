package dev.drift.ops.cli;

import dev.drift.ops.deploy.ProjectVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: drift-ops' own version and the Java it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "drift-ops " + ProjectVersion.get(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
