package dev.drift.ops.config;

/**
 * A drift.toml that cannot be used. The message names where the bad value came from (file and
 * line, environment variable or {@code --set}), the section and the key, and never contains a
 * secret value.
 */
public class ConfigException extends Exception {

    private final String key;
    private final int line;

    /**
     * @param key  the dotted key, e.g. {@code database.zqlite.encryption_key}; empty for errors not
     *             about one key (syntax errors, unreadable files)
     * @param line the 1-based line in the file, or 0 when the value did not come from a file line
     */
    public ConfigException(String message, String key, int line) {
        super(message);
        this.key = key;
        this.line = line;
    }

    public String key() {
        return key;
    }

    public int line() {
        return line;
    }
}
