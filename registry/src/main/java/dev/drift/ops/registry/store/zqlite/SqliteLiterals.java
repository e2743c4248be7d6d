package dev.drift.ops.registry.store.zqlite;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes JDBC parameter values into SQL text as literals that SQLite (and so a SQLite-compatible engine) reads
 * back as the same values: text in single quotes with quotes doubled, integers and reals as plain numbers, NULL.
 * Nothing PostgreSQL-specific ({@code ::int8} casts, {@code E'...'} strings).
 *
 * <p>Text holding a backslash is written as {@code CAST(X'<utf-8 hex>' AS TEXT)} instead: SQLite reads a
 * backslash in quoted text literally, but pgjdbc, which carries the statement, splits statements at semicolons
 * and, unless the server reports {@code standard_conforming_strings = on}, takes a backslash inside quotes as an
 * escape. A value ending in a backslash would then shift where pgjdbc thinks the text ends, and a later
 * semicolon in the data could cut the statement in two. Hex text has no backslash and no quote to misread.
 */
final class SqliteLiterals {

    private SqliteLiterals() {
    }

    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s when s.indexOf('\\') >= 0 ->
                    "CAST(X'" + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)) + "' AS TEXT)";
            case String s -> "'" + s.replace("'", "''") + "'";
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            case Double d when Double.isFinite(d) -> Double.toString(d);
            case Double d -> throw new IllegalArgumentException("SQLite has no literal for the number " + d);
            case Boolean b -> b ? "1" : "0";
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " as a SQL literal");
        };
    }

    /**
     * {@code sql} with each {@code ?} outside quoted text and identifiers replaced by the literal of the next value.
     *
     * @throws IllegalArgumentException if the number of values differs from the number of placeholders
     */
    static String inline(String sql, List<?> values) {
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.size());
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                // A doubled quote inside quoted text ends the text and at once reopens it: same result.
                quote = c == quote ? 0 : quote;
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                if (next == values.size()) {
                    throw new IllegalArgumentException("the statement has more placeholders than the "
                            + values.size() + " values bound");
                }
                out.append(literal(values.get(next++)));
            } else {
                out.append(c);
            }
        }
        if (next != values.size()) {
            throw new IllegalArgumentException("the statement has " + next + " placeholders but "
                    + values.size() + " values are bound");
        }
        return out.toString();
    }
}
