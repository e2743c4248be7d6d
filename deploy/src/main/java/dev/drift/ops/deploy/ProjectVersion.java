package dev.drift.ops.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version Maven wrote into drift-ops-version.properties at build time: drift-ops', the
 * operator's, and the tag of the images they deploy by default.
 */
public final class ProjectVersion {

    private static final String VERSION = read();

    private ProjectVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the jar was built without its resources. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = ProjectVersion.class.getResourceAsStream("/drift-ops-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
