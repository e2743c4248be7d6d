package dev.drift.ops.cli;

import dev.drift.ops.config.DatabaseBackend;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --backend sqlite|postgres|zqlite}, by the names drift.toml uses. */
final class BackendConverter implements ITypeConverter<DatabaseBackend> {

    @Override
    public DatabaseBackend convert(String value) {
        try {
            return DatabaseBackend.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
