package dev.drift.ops.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The metadata backend, {@code [database] backend}. */
public enum DatabaseBackend {
    SQLITE, POSTGRES, ZQLITE;

    /** The name used in drift.toml, e.g. {@code postgres}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend named {@code id}; {@link IllegalArgumentException} listing the choices otherwise. */
    public static DatabaseBackend fromId(String id) {
        return Arrays.stream(values())
                .filter(backend -> backend.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "must be one of " + ids() + ", got \"" + id + "\""));
    }

    static String ids() {
        return Arrays.stream(values()).map(DatabaseBackend::id).collect(Collectors.joining(", "));
    }
}
