package dev.drift.ops.registry.migrate;

import dev.drift.ops.registry.migrate.MetadataTables.Table;
import dev.drift.ops.registry.store.sql.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Copies all Drift metadata from a source (a database of any backend, or a parsed dump) into a target database
 * of any backend, ids included.
 *
 * <p>The target's schema is brought up to date first, with the same migrations Drift runs at start-up. Then every
 * table is copied, parents before children, in ONE transaction on the target: an interruption (a refused row, a
 * lost connection, a killed process) rolls back to what the target held before. A target that already holds
 * rows is refused unless {@code force}, which replaces its rows within that same transaction. On PostgreSQL the
 * id sequences are moved past the copied ids, so rows Drift inserts later get new ids.
 *
 * <p>{@code verify} then reads the target back and compares each table's row count and content checksum
 * ({@link TableChecksum}) with the source's; any difference fails the migration naming the tables.
 */
public final class Migrator {

    /** How often a long table reports progress. */
    private static final int PROGRESS_EVERY = 1000;

    public record Options(boolean verify, boolean dryRun, boolean force) {
    }

    /** One table's outcome: the source's checksum and, when verified, the target's. */
    public record TableResult(String table, TableChecksum source, TableChecksum target) {

        public boolean matches() {
            return source.equals(target);
        }
    }

    private final Consumer<String> progress;

    /** @param progress receives one line per step and per table (rows copied / total) */
    public Migrator(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * Runs the migration.
     *
     * @return per table the source's checksum and (when verifying) the target's
     * @throws MigrationException if the migration cannot start, failed (the target is as it was), or the copy does
     *                            not verify (the copy stays committed: the message says which tables differ)
     */
    public List<TableResult> migrate(RowSource source, MetadataDatabase target, Options options) {
        requireCurrentSchema(source);
        Map<Table, List<Object[]>> rows = new LinkedHashMap<>();
        for (Table table : MetadataTables.TABLES) {
            rows.put(table, source.rows(table));
        }
        if (options.dryRun()) {
            return dryRun(rows, target);
        }
        try {
            target.migrateSchema();
        } catch (SQLException | RuntimeException e) {
            throw new MigrationException("cannot bring the schema of " + target.url() + " up to date: "
                    + e.getMessage(), e);
        }
        Map<String, Long> existing = existingRows(target);
        if (!existing.isEmpty() && !options.force()) {
            throw new MigrationException("the target " + target.url() + " is not empty (" + describe(existing)
                    + "); nothing was copied. Pass --force to replace what it holds.");
        }
        copy(rows, target, !existing.isEmpty());
        List<TableResult> results = new ArrayList<>();
        for (Map.Entry<Table, List<Object[]>> table : rows.entrySet()) {
            TableChecksum sourceSum = TableChecksum.of(table.getKey(), table.getValue());
            results.add(new TableResult(table.getKey().name(), sourceSum, null));
        }
        return options.verify() ? verify(source, target) : results;
    }

    /**
     * Compares every table of the target with the source: row counts and content checksums.
     *
     * @throws MigrationException naming each table that differs, with both counts and checksums
     */
    public List<TableResult> verify(RowSource source, MetadataDatabase target) {
        List<TableResult> results = new ArrayList<>();
        for (Table table : MetadataTables.TABLES) {
            TableChecksum sourceSum = TableChecksum.of(table, source.rows(table));
            TableChecksum targetSum = TableChecksum.of(table, target.asSource().rows(table));
            results.add(new TableResult(table.name(), sourceSum, targetSum));
            progress.accept(String.format("verify %-20s %s  %d rows, sha256 %s", table.name(),
                    sourceSum.equals(targetSum) ? "ok      " : "DIFFERS ", targetSum.rows(), targetSum.shortSha()));
        }
        List<TableResult> differing = results.stream().filter(result -> !result.matches()).toList();
        if (!differing.isEmpty()) {
            throw new MigrationException("verification FAILED: the target " + target.url()
                    + " differs from the source " + source.description() + " in " + differing.stream()
                    .map(r -> r.table() + " (source " + r.source().rows() + " rows, sha256 " + r.source().shortSha()
                            + "; target " + r.target().rows() + " rows, sha256 " + r.target().shortSha() + ")")
                    .collect(Collectors.joining(", ")));
        }
        return results;
    }

    private List<TableResult> dryRun(Map<Table, List<Object[]>> rows, MetadataDatabase target) {
        Map<String, Long> existing = existingRows(target);
        List<TableResult> results = new ArrayList<>();
        for (Map.Entry<Table, List<Object[]>> table : rows.entrySet()) {
            TableChecksum sum = TableChecksum.of(table.getKey(), table.getValue());
            results.add(new TableResult(table.getKey().name(), sum, null));
            progress.accept(String.format("would copy %-20s %d rows, sha256 %s", table.getKey().name(), sum.rows(),
                    sum.shortSha()));
        }
        progress.accept(!target.exists()
                ? "the target " + target.url() + " does not exist yet: the copy would create it"
                : existing.isEmpty()
                ? "the target " + target.url() + " is empty: the copy could start"
                : "the target " + target.url() + " is not empty (" + describe(existing)
                        + "): the copy would need --force and would replace that");
        progress.accept("dry run: nothing was written");
        return results;
    }

    private void requireCurrentSchema(RowSource source) {
        int version = source.schemaVersion();
        if (version != Migrations.latestVersion()) {
            throw new MigrationException("the source " + source.description() + " has schema version " + version
                    + ", this tool copies version " + Migrations.latestVersion()
                    + (version < Migrations.latestVersion()
                    ? "; start this version of Drift on the source once to migrate it, then copy it"
                    : "; use a Drift at least as new as the one that last wrote the source"));
        }
    }

    private static Map<String, Long> existingRows(MetadataDatabase target) {
        try {
            return target.nonEmptyTables();
        } catch (SQLException e) {
            throw new MigrationException("cannot look into the target " + target.url() + ": " + e.getMessage(), e);
        }
    }

    /** Everything in one transaction: rows of a forced target out, the source's rows in, sequences moved on. */
    private void copy(Map<Table, List<Object[]>> rows, MetadataDatabase target, boolean replace) {
        try (Connection connection = target.connection()) {
            connection.setAutoCommit(false);
            try {
                if (replace) {
                    deleteAll(connection);
                }
                for (Map.Entry<Table, List<Object[]>> table : rows.entrySet()) {
                    insert(connection, table.getKey(), table.getValue(), target);
                }
                if (target.dialect().name().equals("postgres")) {
                    continueSequences(connection);
                }
                connection.commit();
                progress.accept("committed: the target " + target.url() + " holds the copy");
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                progress.accept("rolled back: the target " + target.url() + " is as it was before");
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationException("the copy into " + target.url() + " failed and was rolled back: "
                    + e.getMessage(), e);
        }
    }

    private static void deleteAll(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Table table : MetadataTables.TABLES.reversed()) {
                statement.executeUpdate("DELETE FROM " + table.name());
            }
        }
    }

    private void insert(Connection connection, Table table, List<Object[]> rows, MetadataDatabase target)
            throws SQLException {
        int total = rows.size();
        try (PreparedStatement insert = connection.prepareStatement(TableRows.insertSql(table))) {
            int copied = 0;
            for (Object[] row : rows) {
                TableRows.bind(insert, table, row);
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    throw new MigrationException("the copy into " + target.url() + " failed at table " + table.name()
                            + ", row " + (copied + 1) + " of " + total + " (" + TableRows.describeKey(table, row)
                            + "): " + e.getMessage() + "; everything was rolled back", e);
                }
                copied++;
                if (copied % PROGRESS_EVERY == 0 && copied < total) {
                    progress.accept(String.format("copy %-20s %d/%d rows", table.name(), copied, total));
                }
            }
            progress.accept(String.format("copy %-20s %d/%d rows", table.name(), copied, total));
        }
    }

    /** PostgreSQL numbers new rows from a sequence that knows nothing of the copied ids: move it past them. */
    private static void continueSequences(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Table table : MetadataTables.TABLES) {
                if (table.autoId() != null) {
                    statement.execute("SELECT setval(pg_get_serial_sequence('" + table.name() + "', '"
                            + table.autoId() + "'), COALESCE((SELECT MAX(" + table.autoId() + ") FROM " + table.name()
                            + "), 0) + 1, false)");
                }
            }
        }
    }

    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + " rows")
                .collect(Collectors.joining(", "));
    }
}
