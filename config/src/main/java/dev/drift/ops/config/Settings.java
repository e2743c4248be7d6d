package dev.drift.ops.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw value of every used key together with where it came from: first the defaults (or the
 * config being changed), then the file, then the environment or {@code --set} on top.
 */
final class Settings {

    private final Map<ConfigKey, Object> values = new HashMap<>();
    private final Map<ConfigKey, Origin> origins = new HashMap<>();
    /** For lists read from a file: the line of each element, so an error points at the entry. */
    private final Map<ConfigKey, List<Origin>> elementOrigins = new HashMap<>();
    private final List<String> ignoredKeys = new ArrayList<>();

    /** Every used key set to its value in {@code base}. */
    static Settings from(DriftConfig base, Origin origin) {
        Settings settings = new Settings();
        for (ConfigKey key : ConfigKeys.ALL) {
            settings.set(key, key.currentValue(base), origin);
        }
        settings.ignoredKeys.addAll(base.ignoredKeys());
        return settings;
    }

    void set(ConfigKey key, Object value, Origin origin) {
        values.put(key, value);
        origins.put(key, origin);
        elementOrigins.remove(key);
    }

    void setList(ConfigKey key, List<String> value, Origin origin, List<Origin> elements) {
        set(key, value, origin);
        elementOrigins.put(key, List.copyOf(elements));
    }

    void ignore(String dottedKey) {
        ignoredKeys.add(dottedKey);
    }

    List<String> ignoredKeys() {
        return List.copyOf(ignoredKeys);
    }

    Origin origin(ConfigKey key) {
        return origins.get(key);
    }

    /** The origin of {@code key}, or of {@code cause} when nobody set {@code key} explicitly. */
    Origin origin(ConfigKey key, ConfigKey cause) {
        Origin own = origins.get(key);
        return own.explicit() ? own : origins.get(cause);
    }

    /** Where list element {@code index} came from; the whole list's origin if not known per element. */
    Origin elementOrigin(ConfigKey key, int index) {
        List<Origin> elements = elementOrigins.get(key);
        return elements != null && index < elements.size() ? elements.get(index) : origins.get(key);
    }

    String string(ConfigKey key) {
        return (String) values.get(key);
    }

    boolean bool(ConfigKey key) {
        return (Boolean) values.get(key);
    }

    @SuppressWarnings("unchecked")
    List<String> list(ConfigKey key) {
        return (List<String>) values.get(key);
    }

    /** The value of an integer key, checked against the key's bounds. */
    long integer(ConfigKey key) throws ConfigException {
        long value = (Long) values.get(key);
        try {
            key.checkRange(value);
        } catch (IllegalArgumentException e) {
            throw origin(key).error(key, e.getMessage());
        }
        return value;
    }

    int smallInteger(ConfigKey key) throws ConfigException {
        return Math.toIntExact(integer(key));
    }
}
