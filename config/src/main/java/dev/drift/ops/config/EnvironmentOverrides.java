package dev.drift.ops.config;

import java.util.Map;

/**
 * Applies {@code DRIFT_<SECTION>_<KEY>} variables, e.g. {@code DRIFT_DATABASE_BACKEND=zqlite} or
 * {@code DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY}. Lists are comma-separated
 * ({@code DRIFT_AUTH_BASIC_USERS=admin:$2b$...,ci:$2b$...}). Variables that name no used key are
 * left alone: other tools share the {@code DRIFT_} prefix.
 */
final class EnvironmentOverrides {

    private EnvironmentOverrides() {
    }

    static void apply(Map<String, String> env, Settings settings) throws ConfigException {
        for (ConfigKey key : ConfigKeys.ALL) {
            String text = env.get(key.envVar());
            if (text != null) {
                Origin origin = Origin.environment(key.envVar());
                settings.set(key, TextValue.parse(key, text, origin), origin);
            }
        }
    }
}
