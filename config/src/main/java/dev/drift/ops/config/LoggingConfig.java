package dev.drift.ops.config;

import java.util.List;
import java.util.Objects;

/** {@code [logging]}: how much the server logs and in which shape. */
public record LoggingConfig(String level, String format) {

    /** The values {@code level} may take. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");
    /** The values {@code format} may take. */
    public static final List<String> FORMATS = List.of("json", "pretty");

    public LoggingConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(format, "format");
    }
}
