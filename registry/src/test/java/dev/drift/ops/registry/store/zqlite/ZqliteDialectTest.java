package dev.drift.ops.registry.store.zqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.registry.store.sql.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The schema as ZQLite gets it: no syntax only one engine knows, and accepted by a real SQLite. */
class ZqliteDialectTest {

    /** Spellings that PostgreSQL accepts and SQLite does not. */
    private static final List<Pattern> POSTGRES_ONLY = patterns(
            "::", "\\bSERIAL\\b", "\\bBIGSERIAL\\b", "GENERATED\\s+(BY DEFAULT|ALWAYS)", "\\bIDENTITY\\b",
            "COLLATE\\s+\"C\"", "\\bILIKE\\b", "\\bE'", "\\bBYTEA\\b", "\\bJSONB?\\b", "\\bTIMESTAMPTZ\\b",
            "\\bSEQUENCE\\b", "\\bCONCURRENTLY\\b", "\\bUSING\\s+(BTREE|GIN|GIST|HASH)\\b", "\\$\\d");

    /** Spellings that SQLite accepts and PostgreSQL does not (a SQLite-compatible server might, but need not). */
    private static final List<Pattern> SQLITE_ONLY = patterns(
            "\\bAUTOINCREMENT\\b", "\\bPRAGMA\\b", "WITHOUT\\s+ROWID", "INSERT\\s+OR\\s+", "\\bREPLACE\\s+INTO\\b",
            "\\bSTRICT\\b", "\\bGLOB\\b", "\\bIFNULL\\b");

    private final List<String> statements = Migrations.renderedStatements(new ZqliteDialect());

    @Test
    void theRenderedMigrationsHaveNoEngineSpecificSyntax() {
        assertThat(statements).isNotEmpty();
        for (String statement : statements) {
            for (Pattern pattern : POSTGRES_ONLY) {
                assertThat(pattern.matcher(statement).find()).as("PostgreSQL-only %s in:%n%s", pattern, statement).isFalse();
            }
            for (Pattern pattern : SQLITE_ONLY) {
                assertThat(pattern.matcher(statement).find()).as("SQLite-only %s in:%n%s", pattern, statement).isFalse();
            }
            assertThat(statement).doesNotContain("${");
        }
    }

    @Test
    void sqliteRunsTheRenderedMigrationsAndBuildsTheSchema() throws SQLException {
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement statement = sqlite.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            var tables = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
            List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).contains("repositories", "blobs", "manifests", "tags", "bolt_items", "bolt_item_tags");
        }
    }

    @Test
    void connectionLossAndServerShutdownMeanUnavailable() {
        ZqliteDialect dialect = new ZqliteDialect();

        assertThat(dialect.isUnavailable(new SQLException("refused", "08001"))).isTrue();
        assertThat(dialect.isUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(dialect.isUnavailable(new SQLException("unique violation", "23505"))).isFalse();
        assertThat(dialect.isUnavailable(new SQLException("syntax error", "42601"))).isFalse();
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
    }
}
