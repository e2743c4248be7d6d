package dev.drift.ops.config;

/**
 * Where a setting's value came from, so an error can point at it.
 *
 * @param where    the prefix of error messages: {@code drift.toml:12}, {@code environment variable
 *                 DRIFT_SERVER_WORKERS}, {@code --set server.workers}
 * @param line     the file line, 0 when the value did not come from a file line
 * @param explicit false for values nobody set here (defaults, the config {@code with()} starts
 *                 from); an error about such a value points at the setting that made it matter
 */
record Origin(String where, int line, boolean explicit) {

    static Origin fileLine(String source, int line) {
        return new Origin(source + ":" + line, line, true);
    }

    static Origin environment(String variable) {
        return new Origin("environment variable " + variable, 0, true);
    }

    static Origin commandLine(String dottedKey) {
        return new Origin("--set " + dottedKey, 0, true);
    }

    static Origin inherited(String description) {
        return new Origin(description, 0, false);
    }

    ConfigException error(ConfigKey key, String detail) {
        return error(key.label(), key.dotted(), detail);
    }

    ConfigException error(String label, String dottedKey, String detail) {
        return new ConfigException(where + ": " + label + ": " + detail, dottedKey, line);
    }
}
