package dev.drift.ops.cli;

import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DriftConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code key=value} settings ({@code --set}) to a config. {@link DriftConfig#with} validates
 * after every key, so a backend and the URL it needs could not be set one after the other; the
 * backend therefore goes last, after everything it may depend on.
 */
final class ConfigSettings {

    static final String BACKEND_KEY = "database.backend";

    private final Map<String, String> settings = new LinkedHashMap<>();

    /** Parses {@code key=value} items; a later item for the same key wins. */
    static ConfigSettings parse(List<String> items) {
        ConfigSettings parsed = new ConfigSettings();
        for (String item : items) {
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw CliException.usage("--set needs key=value (e.g. logging.level=debug), got \""
                        + item.substring(0, Math.max(equals, 0)) + (equals < 0 ? item : "") + "\"");
            }
            parsed.put(item.substring(0, equals).trim(), item.substring(equals + 1));
        }
        return parsed;
    }

    /** Adds a setting, replacing an earlier one for the same key. */
    ConfigSettings put(String key, String value) {
        settings.remove(key);
        settings.put(key, value);
        return this;
    }

    /** {@code base} with every setting applied, the backend last. */
    DriftConfig applyTo(DriftConfig base) throws ConfigException {
        List<Map.Entry<String, String>> ordered = new ArrayList<>(settings.entrySet());
        ordered.sort((a, b) -> Boolean.compare(a.getKey().equals(BACKEND_KEY), b.getKey().equals(BACKEND_KEY)));
        DriftConfig config = base;
        for (Map.Entry<String, String> setting : ordered) {
            config = config.with(setting.getKey(), setting.getValue());
        }
        return config;
    }
}
