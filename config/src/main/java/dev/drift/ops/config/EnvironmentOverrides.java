package dev.drift.ops.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Applies {@code DRIFT_<SECTION>_<KEY>} variables, e.g. {@code DRIFT_DATABASE_BACKEND=zqlite} or
 * {@code DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY}. Lists are comma-separated
 * ({@code DRIFT_AUTH_BASIC_USERS=admin:$2b$...,ci:$2b$...}). Variables that name no used key are
 * left alone: other tools share the {@code DRIFT_} prefix.
 *
 * <p>{@code DRIFT_<SECTION>_<KEY>_FILE=/path} reads the value from that file instead (trailing line
 * breaks dropped), the convention container images use so that secrets travel as files mounted
 * into the container rather than as environment values anyone who can inspect it sees.
 */
final class EnvironmentOverrides {

    static final String FILE_SUFFIX = "_FILE";

    private EnvironmentOverrides() {
    }

    static void apply(Map<String, String> env, Settings settings) throws ConfigException {
        for (ConfigKey key : ConfigKeys.ALL) {
            String text = env.get(key.envVar());
            String fileVariable = key.envVar() + FILE_SUFFIX;
            String file = env.get(fileVariable);
            if (text != null && file != null) {
                throw new ConfigException("environment variables " + key.envVar() + " and " + fileVariable
                        + " both set " + key.dotted() + "; unset one of them", key.dotted(), 0);
            }
            if (text != null) {
                Origin origin = Origin.environment(key.envVar());
                settings.set(key, TextValue.parse(key, text, origin), origin);
            } else if (file != null) {
                Origin origin = Origin.environment(fileVariable);
                settings.set(key, TextValue.parse(key, readValueFile(fileVariable, file, key), origin), origin);
            }
        }
    }

    private static String readValueFile(String variable, String file, ConfigKey key) throws ConfigException {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).replaceFirst("[\\r\\n]+$", "");
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("environment variable " + variable + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", key.dotted(), 0);
        }
    }
}
