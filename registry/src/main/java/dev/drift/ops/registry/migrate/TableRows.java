package dev.drift.ops.registry.migrate;

import dev.drift.ops.registry.migrate.MetadataTables.Column;
import dev.drift.ops.registry.migrate.MetadataTables.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads and writes whole metadata tables over JDBC, as normalised values (see {@link RowSource}). */
final class TableRows {

    private TableRows() {
    }

    static List<Object[]> read(Connection connection, Table table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT " + String.join(", ", table.columnNames()) + " FROM " + table.name())) {
            while (result.next()) {
                Object[] row = new Object[table.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(result, i + 1, table.columns().get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static long count(Connection connection, Table table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table.name())) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The statement that inserts one row with every column, ids included. */
    static String insertSql(Table table) {
        return "INSERT INTO " + table.name() + " (" + String.join(", ", table.columnNames()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
    }

    static void bind(PreparedStatement statement, Table table, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            Column column = table.columns().get(i);
            Object value = row[i];
            int index = i + 1;
            switch (column.kind()) {
                case TEXT -> {
                    if (value == null) {
                        statement.setNull(index, Types.VARCHAR);
                    } else {
                        statement.setString(index, (String) value);
                    }
                }
                case INTEGER -> {
                    if (value == null) {
                        statement.setNull(index, Types.BIGINT);
                    } else {
                        statement.setLong(index, (Long) value);
                    }
                }
                case REAL -> {
                    if (value == null) {
                        statement.setNull(index, Types.DOUBLE);
                    } else {
                        statement.setDouble(index, (Double) value);
                    }
                }
            }
        }
    }

    private static Object value(ResultSet result, int index, Column column) throws SQLException {
        Object value = switch (column.kind()) {
            case TEXT -> result.getString(index);
            case INTEGER -> result.getLong(index);
            case REAL -> result.getDouble(index);
        };
        return result.wasNull() ? null : value;
    }

    /** A row's primary key as {@code column=value, ...}, to name a row in a message. */
    static String describeKey(Table table, Object[] row) {
        List<String> parts = new ArrayList<>();
        for (int index : table.primaryKeyIndexes()) {
            parts.add(table.columns().get(index).name() + "=" + row[index]);
        }
        return String.join(", ", parts);
    }
}
