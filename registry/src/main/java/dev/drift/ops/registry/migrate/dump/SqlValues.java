package dev.drift.ops.registry.migrate.dump;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads the literal values of a dump's INSERT statements and the column lists of its CREATE TABLE and INSERT
 * statements. Values come back as text (numbers as their digits) or null; the caller types them by column.
 *
 * <p>Literals understood: NULL, TRUE/FALSE, numbers, {@code '...'} text with doubled quotes, {@code X'..'} hex,
 * and the expressions sqlite3's {@code .dump} writes for text holding line breaks and control characters:
 * {@code replace('...','\n',char(10))} (nested for several) and {@code char(n, ...)}.
 */
final class SqlValues {

    private final String text;
    private int position;

    private SqlValues(String text, int position) {
        this.text = text;
        this.position = position;
    }

    /** The rows of {@code VALUES (...), (...)} starting at {@code from} in {@code statement}. */
    static List<List<String>> tuples(String statement, int from) {
        SqlValues values = new SqlValues(statement, from);
        List<List<String>> rows = new ArrayList<>();
        do {
            values.expect('(');
            List<String> row = new ArrayList<>();
            do {
                row.add(values.value());
            } while (values.accept(','));
            values.expect(')');
            rows.add(row);
        } while (values.accept(','));
        values.skipSpace();
        if (values.position != statement.length()) {
            throw values.error("unexpected text after the values");
        }
        return rows;
    }

    /**
     * The column names of a parenthesised definition list ({@code CREATE TABLE t (a TEXT, b INT, PRIMARY KEY (a))})
     * or name list ({@code INSERT INTO t (a, b)}): the first word of each top-level item, constraints left out.
     */
    static List<String> columnNames(String parenthesised) {
        List<String> names = new ArrayList<>();
        for (String item : topLevelItems(parenthesised)) {
            String first = item.strip().split("\\s+", 2)[0];
            String keyword = first.toUpperCase(Locale.ROOT);
            if (!List.of("PRIMARY", "UNIQUE", "FOREIGN", "CONSTRAINT", "CHECK", "").contains(keyword)) {
                names.add(unquote(first));
            }
        }
        return names;
    }

    /** A table name without schema and quotes: {@code public."tags"} is {@code tags}. */
    static String tableName(String qualified) {
        String name = qualified.strip();
        int dot = name.lastIndexOf('.');
        return unquote(dot < 0 ? name : name.substring(dot + 1));
    }

    private static String unquote(String name) {
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }

    /** The comma-separated items inside the outermost parentheses, ignoring commas nested or quoted. */
    private static List<String> topLevelItems(String parenthesised) {
        int open = parenthesised.indexOf('(');
        int close = parenthesised.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new DumpFormatException("expected a parenthesised list in: " + SqlScript.abbreviate(parenthesised));
        }
        List<String> items = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = open + 1;
        for (int i = open + 1; i < close; i++) {
            char c = parenthesised.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(parenthesised.substring(start, i));
                start = i + 1;
            }
        }
        items.add(parenthesised.substring(start, close));
        return items;
    }

    private String value() {
        skipSpace();
        if (peek() == '\'') {
            return quoted();
        }
        String word = word();
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.equals("NULL")) {
            return null;
        }
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return upper.equals("TRUE") ? "1" : "0";
        }
        if (upper.equals("X") && peek() == '\'') {
            return new String(HexFormat.of().parseHex(quoted()), StandardCharsets.UTF_8);
        }
        if (upper.equals("REPLACE")) {
            List<String> args = arguments();
            if (args.size() != 3 || args.contains(null)) {
                throw error("replace() takes three text arguments");
            }
            return args.get(0).replace(args.get(1), args.get(2));
        }
        if (upper.equals("CHAR")) {
            StringBuilder chars = new StringBuilder();
            for (String code : arguments()) {
                chars.appendCodePoint(Integer.parseInt(code));
            }
            return chars.toString();
        }
        if (word.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return word;
        }
        throw error("cannot read the value \"" + word + "\"");
    }

    private List<String> arguments() {
        expect('(');
        List<String> args = new ArrayList<>();
        do {
            args.add(value());
        } while (accept(','));
        expect(')');
        return args;
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            int next = text.indexOf('\'', position);
            if (next < 0) {
                throw error("quoted text is never closed");
            }
            value.append(text, position, next);
            if (next + 1 < text.length() && text.charAt(next + 1) == '\'') {
                value.append('\'');
                position = next + 2;
            } else {
                position = next + 1;
                return value.toString();
            }
        }
    }

    private String word() {
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                || "+-.".indexOf(text.charAt(position)) >= 0)) {
            position++;
        }
        if (start == position) {
            throw error("expected a value");
        }
        return text.substring(start, position);
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private DumpFormatException error(String problem) {
        int from = Math.max(0, position - 30);
        return new DumpFormatException(problem + " at \"..." + text.substring(from, Math.min(text.length(), position + 30))
                .replaceAll("\\s+", " ") + "...\"");
    }
}
