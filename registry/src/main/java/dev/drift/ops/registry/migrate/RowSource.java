package dev.drift.ops.registry.migrate;

import dev.drift.ops.registry.migrate.MetadataTables.Table;
import java.util.List;

/**
 * Where a migration reads from: a live database or a parsed dump. Rows come as normalised values in the order
 * of {@link Table#columns()}: {@code String} for text, {@code Long} for integers, {@code Double} for reals, null.
 */
public interface RowSource extends AutoCloseable {

    /** What the source is, for messages (never a password). */
    String description();

    /** The schema version the source's rows are in (0 if it has none). */
    int schemaVersion();

    List<Object[]> rows(Table table);

    @Override
    void close();
}
