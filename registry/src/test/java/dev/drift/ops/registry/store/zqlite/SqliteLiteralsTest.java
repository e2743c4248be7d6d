package dev.drift.ops.registry.store.zqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteLiteralsTest {

    @Test
    void writesEachKindOfValueAsASqliteLiteral() {
        assertThat(SqliteLiterals.literal(null)).isEqualTo("NULL");
        assertThat(SqliteLiterals.literal("it's")).isEqualTo("'it''s'");
        assertThat(SqliteLiterals.literal(42L)).isEqualTo("42");
        assertThat(SqliteLiterals.literal(-7)).isEqualTo("-7");
        assertThat(SqliteLiterals.literal(4.5)).isEqualTo("4.5");
        assertThat(SqliteLiterals.literal(true)).isEqualTo("1");
        assertThat(SqliteLiterals.literal("a\\b")).isEqualTo("CAST(X'615c62' AS TEXT)");
    }

    @Test
    void refusesValuesSqliteCannotHold() {
        assertThatThrownBy(() -> SqliteLiterals.literal(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> SqliteLiterals.literal(new Object())).hasMessageContaining("java.lang.Object");
    }

    @Test
    void replacesPlaceholdersOutsideQuotesOnly() {
        String sql = SqliteLiterals.inline("SELECT '?', \"?\" FROM t WHERE a = ? AND b LIKE ? ESCAPE '\\'",
                List.of("x'?", 3L));

        assertThat(sql).isEqualTo("SELECT '?', \"?\" FROM t WHERE a = 'x''?' AND b LIKE 3 ESCAPE '\\'");
    }

    @Test
    void refusesACountMismatch() {
        assertThatThrownBy(() -> SqliteLiterals.inline("SELECT ?, ?", List.of(1L)))
                .hasMessageContaining("more placeholders");
        assertThatThrownBy(() -> SqliteLiterals.inline("SELECT ?", List.of(1L, 2L)))
                .hasMessageContaining("1 placeholders but 2 values");
    }

    /** SQLite itself reads every literal back as the value it came from, type included. */
    @Test
    void sqliteReadsTheLiteralsBackUnchanged() throws Exception {
        List<Object> values = Arrays.asList("plain", "quote ' and \\ backslash; semicolon", "ünïcødé ☃", "",
                Long.MAX_VALUE, Long.MIN_VALUE, 0.1, -1.0E300, 4.9E-324, null);
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement statement = sqlite.createStatement()) {
            for (Object value : values) {
                try (ResultSet row = statement.executeQuery(SqliteLiterals.inline("SELECT ?, typeof(?)",
                        Arrays.asList(value, value)))) {
                    row.next();
                    assertThat(row.getObject(1)).as("value %s", value).isEqualTo(value);
                    assertThat(row.getString(2)).isEqualTo(switch (value) {
                        case null -> "null";
                        case String s -> "text";
                        case Long l -> "integer";
                        default -> "real";
                    });
                }
            }
        }
    }
}
