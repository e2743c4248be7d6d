package dev.drift.ops.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * One drift.toml key: where it lives, what type it has, how secret it is and how to read its
 * current value off a {@link DriftConfig}. Values travel in their TOML shape (String, Long,
 * Boolean, List&lt;String&gt;) until {@link ConfigAssembler} turns them into the records.
 *
 * @param current reads the value off a config; {@code null} for upstream keys this server accepts
 *                but ignores
 */
record ConfigKey(String section, String name, ValueType type, Sensitivity sensitivity, long min, long max,
                 Function<DriftConfig, Object> current) {

    enum ValueType {
        STRING("a string"), INTEGER("an integer"), BOOLEAN("a boolean"), STRING_LIST("an array of strings");

        private final String description;

        ValueType(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        /**
         * Reads a value written as plain text (environment variables, {@code --set}); lists are
         * comma-separated. Throws {@link IllegalArgumentException} without echoing the text.
         */
        Object fromText(String text) {
            return switch (this) {
                case STRING -> text;
                case INTEGER -> {
                    try {
                        yield Long.parseLong(text.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected an integer");
                    }
                }
                case BOOLEAN -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("expected true or false");
                };
                case STRING_LIST -> Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(item -> !item.isEmpty())
                        .toList();
            };
        }
    }

    /** How a value is hidden in {@link DriftConfig#renderRedacted()}. */
    enum Sensitivity {
        PLAIN,
        /** The whole value is secret. */
        SECRET,
        /** {@code name:secret} entries: the part after the colon is secret. */
        USER_LIST,
        /** A URL whose user-info and query may hold a password. */
        URL
    }

    /** {@code database.zqlite.encryption_key}. */
    String dotted() {
        return section + "." + name;
    }

    /** {@code [database.zqlite] encryption_key}, the form error messages and warnings use. */
    String label() {
        return "[" + section + "] " + name;
    }

    /** {@code DRIFT_DATABASE_ZQLITE_ENCRYPTION_KEY}. */
    String envVar() {
        return "DRIFT_" + dotted().replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** True for upstream Drift keys that parse but have no effect on this server. */
    boolean ignored() {
        return current == null;
    }

    Object currentValue(DriftConfig config) {
        return current.apply(config);
    }

    /** Checks an integer against this key's bounds. */
    void checkRange(long value) {
        if (value < min) {
            throw new IllegalArgumentException("must be at least " + min + ", got " + value);
        }
        if (value > max) {
            throw new IllegalArgumentException("must be at most " + max + ", got " + value);
        }
    }
}
