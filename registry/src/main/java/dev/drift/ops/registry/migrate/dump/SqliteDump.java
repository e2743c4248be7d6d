package dev.drift.ops.registry.migrate.dump;

import dev.drift.ops.registry.migrate.dump.DumpSource.DumpTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code sqlite3 .dump} output: CREATE TABLE statements give each table's columns, {@code INSERT INTO t
 * VALUES(...)} statements its rows. Everything else (PRAGMA, BEGIN/COMMIT, indexes) carries no rows and is
 * skipped.
 */
final class SqliteDump {

    static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w.]+)\\s*\\(.*");
    static final Pattern INSERT = Pattern.compile(
            "(?is)INSERT\\s+INTO\\s+(\"(?:[^\"]|\"\")+\"|[\\w.\"]+)\\s*(\\([^)]*\\))?\\s*VALUES\\s*");

    private SqliteDump() {
    }

    static Map<String, DumpTable> parse(String text) {
        Map<String, DumpTable> tables = new LinkedHashMap<>();
        SqlScript script = new SqlScript(text);
        String statement;
        while ((statement = script.nextStatement()) != null) {
            if (!createTable(statement, tables)) {
                insert(statement, tables, script.line());
            }
        }
        return tables;
    }

    /** Records the table a CREATE TABLE statement defines; false if the statement is not one. */
    static boolean createTable(String statement, Map<String, DumpTable> tables) {
        Matcher create = CREATE_TABLE.matcher(statement);
        if (!create.matches()) {
            return false;
        }
        tables.put(SqlValues.tableName(create.group(1)),
                new DumpTable(SqlValues.columnNames(statement.substring(create.end(1))), new ArrayList<>()));
        return true;
    }

    /** Adds an INSERT statement's rows to its table; other statements are ignored. */
    static void insert(String statement, Map<String, DumpTable> tables, int line) {
        Matcher insert = INSERT.matcher(statement);
        if (!insert.lookingAt()) {
            return;
        }
        String name = SqlValues.tableName(insert.group(1));
        DumpTable table = tables.get(name);
        if (table == null) {
            throw new DumpFormatException("line " + line + ": INSERT INTO " + name + " before its CREATE TABLE");
        }
        List<String> columns = insert.group(2) == null ? table.columns() : SqlValues.columnNames(insert.group(2));
        for (List<String> values : SqlValues.tuples(statement, insert.end())) {
            if (values.size() != columns.size()) {
                throw new DumpFormatException("line " + line + ": INSERT INTO " + name + " has " + values.size()
                        + " values for " + columns.size() + " columns");
            }
            table.rows().add(inTableOrder(table.columns(), columns, values));
        }
    }

    private static List<String> inTableOrder(List<String> tableColumns, List<String> insertColumns, List<String> values) {
        if (insertColumns.equals(tableColumns)) {
            return values;
        }
        List<String> row = new ArrayList<>();
        for (String column : tableColumns) {
            int at = insertColumns.indexOf(column);
            row.add(at < 0 ? null : values.get(at));
        }
        return row;
    }
}
