package dev.drift.ops.registry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.registry.migrate.MetadataTables.Table;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration's table list matches the schema the migrations build: every table, column and key. */
class MetadataTablesTest {

    @TempDir
    Path dir;

    @Test
    void describesEveryTableOfTheSchemaWithItsColumnsAndPrimaryKey() throws SQLException {
        Path file = dir.resolve("schema.db");
        SqlMetadataStore.openSqlite(file).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT IN ('schema_version') AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(MetadataTables.TABLES).extracting(Table::name).containsExactlyInAnyOrderElementsOf(tables);

            for (Table table : MetadataTables.TABLES) {
                List<String> columns = new ArrayList<>();
                Map<Integer, String> key = new TreeMap<>();
                try (ResultSet info = statement.executeQuery("PRAGMA table_info(" + table.name() + ")")) {
                    while (info.next()) {
                        columns.add(info.getString("name"));
                        if (info.getInt("pk") > 0) {
                            key.put(info.getInt("pk"), info.getString("name"));
                        }
                    }
                }
                assertThat(table.columnNames()).as(table.name()).containsExactlyElementsOf(columns);
                assertThat(table.primaryKey()).as(table.name()).containsExactlyElementsOf(key.values());
            }
        }
    }

    @Test
    void parentsComeBeforeTheirChildren() throws SQLException {
        Path file = dir.resolve("order.db");
        SqlMetadataStore.openSqlite(file).close();
        List<String> order = MetadataTables.TABLES.stream().map(Table::name).toList();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String child : order) {
                try (ResultSet keys = statement.executeQuery("PRAGMA foreign_key_list(" + child + ")")) {
                    while (keys.next()) {
                        String parent = keys.getString("table");
                        assertThat(order.indexOf(parent)).as(child + " -> " + parent).isLessThan(order.indexOf(child));
                    }
                }
            }
        }
    }
}
