package dev.drift.ops.config;

/** Reads a setting written as plain text, as environment variables and {@code --set} give it. */
final class TextValue {

    private TextValue() {
    }

    static Object parse(ConfigKey key, String text, Origin origin) throws ConfigException {
        try {
            return key.type().fromText(text);
        } catch (IllegalArgumentException e) {
            throw origin.error(key, e.getMessage());
        }
    }
}
