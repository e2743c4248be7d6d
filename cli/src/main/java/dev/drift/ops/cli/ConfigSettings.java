package dev.drift.ops.cli;

import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DriftConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code key=value} settings ({@code --set}) to a config. {@link DriftConfig#with} validates
 * after every key, so settings that only make sense together (a backend and its URL, encryption and
 * its key) would fail in one order and pass in the other. Settings are therefore applied in rounds:
 * what fails is retried once the others are in, and only a round without progress is an error.
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
                throw CliException.usage("--set needs key=value (e.g. logging.level=debug), got \"" + item + "\"");
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

    /** {@code base} with every setting applied; the first error of a round that applied nothing otherwise. */
    DriftConfig applyTo(DriftConfig base) throws ConfigException {
        List<Map.Entry<String, String>> pending = new ArrayList<>(settings.entrySet());
        DriftConfig config = base;
        while (!pending.isEmpty()) {
            List<Map.Entry<String, String>> failed = new ArrayList<>();
            ConfigException firstError = null;
            for (Map.Entry<String, String> setting : pending) {
                try {
                    config = config.with(setting.getKey(), setting.getValue());
                } catch (ConfigException e) {
                    firstError = firstError == null ? e : firstError;
                    failed.add(setting);
                }
            }
            if (failed.size() == pending.size()) {
                throw firstError;
            }
            pending = failed;
        }
        return config;
    }
}
