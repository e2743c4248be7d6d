package dev.drift.ops.registry.migrate.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the dump readers, on the spellings the real tools produce and on broken input. */
class DumpParsingTest {

    @Test
    void readsSqliteLiteralsIncludingItsReplaceAndCharForms() {
        List<List<String>> rows = SqlValues.tuples(
                "VALUES(1,'it''s',NULL,-2.5e+3,X'c3bc',replace(replace('a\\r\\nb','\\r',char(13)),'\\n',char(10)),"
                        + "char(9,65))", "VALUES".length());

        assertThat(rows).containsExactly(Arrays.asList("1", "it's", null, "-2.5e+3", "ü", "a\r\nb", "\tA"));
    }

    @Test
    void readsColumnNamesFromDefinitionsAndSkipsConstraints() {
        assertThat(SqlValues.columnNames("(\n id INTEGER PRIMARY KEY,\n \"name\" TEXT COLLATE pg_catalog.\"C\" NOT NULL,"
                + " kind TEXT, PRIMARY KEY (id, kind), UNIQUE (name), CONSTRAINT c CHECK (kind IN ('a', 'b')))"))
                .containsExactly("id", "name", "kind");
        assertThat(SqlValues.tableName("public.\"tags\"")).isEqualTo("tags");
    }

    @Test
    void unescapesCopyTextFormat() {
        assertThat(PgDump.unescape("a\\\\b\\tc\\nd\\re\\101\\x42\\303\\274", 1)).isEqualTo("a\\b\tc\nd\reABü");
    }

    @Test
    void aCopyBlockGivesRowsWithNulls() {
        Map<String, DumpSource.DumpTable> tables = PgDump.parse("""
                SET standard_conforming_strings = on;
                COPY public.upload_sessions (id, repository, started_at) FROM stdin;
                u1\tteam/app\t17
                u2\t\\N\t18
                \\.
                """);

        assertThat(tables.get("upload_sessions").columns()).containsExactly("id", "repository", "started_at");
        assertThat(tables.get("upload_sessions").rows())
                .containsExactly(List.of("u1", "team/app", "17"), Arrays.asList("u2", null, "18"));
    }

    @Test
    void brokenDumpsAreRefusedWithThePlace() {
        assertThatThrownBy(() -> PgDump.parse("COPY public.t (a, b) FROM stdin;\nonly-one-field\n\\.\n"))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("line 2: a row of t has 1 fields for 2 columns");
        assertThatThrownBy(() -> PgDump.parse("COPY public.t (a) FROM stdin;\nx\n"))
                .hasMessageContaining("never ends");
        assertThatThrownBy(() -> SqliteDump.parse("INSERT INTO t VALUES(1);\n"))
                .hasMessageContaining("INSERT INTO t before its CREATE TABLE");
        assertThatThrownBy(() -> SqliteDump.parse("CREATE TABLE t (a, b);\nINSERT INTO t VALUES(1);\n"))
                .hasMessageContaining("has 1 values for 2 columns");
        assertThatThrownBy(() -> SqliteDump.parse("CREATE TABLE t (a);\nINSERT INTO t VALUES('open);\n"))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> SqliteDump.parse("CREATE TABLE t (a);\nINSERT INTO t VALUES(nonsense);\n"))
                .hasMessageContaining("cannot read the value \"nonsense\"");
    }
}
