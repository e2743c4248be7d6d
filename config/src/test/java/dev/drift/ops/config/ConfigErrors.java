package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.assertj.core.api.ThrowingConsumer;

/** Shared assertions for config errors: which key, which line, and no secret in the message. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    /** Parses {@code toml} as drift.toml and returns the error it must cause. */
    static ConfigException parseError(String toml) {
        return parseError(toml, Map.of());
    }

    static ConfigException parseError(String toml, Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> DriftConfig.parse(toml, "drift.toml", env));
    }

    /** Asserts the error names {@code key} (dotted and as "[section] name") and {@code line}. */
    static ThrowingConsumer<ConfigException> namesKeyAndLine(String dottedKey, int line) {
        return error -> {
            int dot = dottedKey.lastIndexOf('.');
            String label = "[" + dottedKey.substring(0, dot) + "] " + dottedKey.substring(dot + 1);
            assertThat(error.key()).isEqualTo(dottedKey);
            assertThat(error.line()).isEqualTo(line);
            assertThat(error.getMessage()).startsWith("drift.toml:" + line + ": ").contains(label);
        };
    }
}
