package dev.drift.ops.registry.migrate.dump;

import dev.drift.ops.registry.migrate.MetadataTables.Column;
import dev.drift.ops.registry.migrate.MetadataTables.Table;
import dev.drift.ops.registry.migrate.MigrationException;
import dev.drift.ops.registry.migrate.RowSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a dump file, read completely up front, served like a database's. A Drift dump holds every table of
 * the schema (a CREATE TABLE at least) and {@code schema_version}; a table or column the dump lacks or has in
 * excess means the dump is of another schema version and is refused.
 */
public final class DumpSource implements RowSource {

    /** The dump formats the seed names. */
    public enum Format {
        /** The output of {@code sqlite3 drift.db .dump}. */
        SQLITE,
        /** A plain-format {@code pg_dump} (COPY blocks, or INSERT statements with --inserts). */
        POSTGRES
    }

    /** One table as the dump has it: column names in the dump's order and rows of text values (or null). */
    record DumpTable(List<String> columns, List<List<String>> rows) {
    }

    private final String description;
    private final Map<String, DumpTable> tables;

    private DumpSource(String description, Map<String, DumpTable> tables) {
        this.description = description;
        this.tables = tables;
    }

    /**
     * Reads and parses the dump.
     *
     * @throws MigrationException naming the file (and the line or statement) when it cannot be read as {@code format}
     */
    public static DumpSource read(Path file, Format format) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("cannot read the dump " + file + ": " + e.getMessage(), e);
        }
        String description = format.name().toLowerCase() + " dump " + file;
        try {
            Map<String, DumpTable> tables = switch (format) {
                case SQLITE -> SqliteDump.parse(text);
                case POSTGRES -> PgDump.parse(text);
            };
            return new DumpSource(description, tables);
        } catch (DumpFormatException e) {
            throw new MigrationException("the " + description + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int schemaVersion() {
        DumpTable versions = tables.get("schema_version");
        if (versions == null) {
            throw new MigrationException("the " + description + " has no schema_version table: it is not a dump "
                    + "of a Drift metadata database");
        }
        int column = versions.columns().indexOf("version");
        return versions.rows().stream().mapToInt(row -> Integer.parseInt(row.get(column))).max().orElse(0);
    }

    @Override
    public List<Object[]> rows(Table table) {
        DumpTable dumped = tables.get(table.name());
        if (dumped == null) {
            throw new MigrationException("the " + description + " has no table " + table.name());
        }
        if (!new HashMap<>(counts(dumped.columns())).equals(counts(table.columnNames()))) {
            throw new MigrationException("the " + description + " has table " + table.name() + " with columns "
                    + dumped.columns() + ", expected " + table.columnNames());
        }
        int[] positions = table.columnNames().stream().mapToInt(dumped.columns()::indexOf).toArray();
        List<Object[]> rows = new ArrayList<>(dumped.rows().size());
        for (List<String> values : dumped.rows()) {
            Object[] row = new Object[positions.length];
            for (int i = 0; i < positions.length; i++) {
                row[i] = typed(table, table.columns().get(i), values.get(positions[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    private Object typed(Table table, Column column, String value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (column.kind()) {
                case TEXT -> value;
                case INTEGER -> Long.parseLong(value);
                case REAL -> Double.parseDouble(value);
            };
        } catch (NumberFormatException e) {
            throw new MigrationException("the " + description + " has \"" + value + "\" in " + table.name() + "."
                    + column.name() + ", which is not a number");
        }
    }

    private static Map<String, Integer> counts(List<String> names) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() {
        // nothing to release: the rows live in memory only
    }
}
