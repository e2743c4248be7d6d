package dev.drift.ops.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven wrote into drift-operator-version.properties: the operator's, and the default Drift image's tag. */
public final class OperatorVersion {

    private static final String VERSION = read();

    private OperatorVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the jar was built without its resources. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = OperatorVersion.class.getResourceAsStream("/drift-operator-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
