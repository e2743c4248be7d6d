package dev.drift.ops.registry.migrate.dump;

import dev.drift.ops.registry.migrate.dump.DumpSource.DumpTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-format {@code pg_dump}: {@code COPY t (cols) FROM stdin;} blocks of tab-separated rows ended by
 * {@code \.} (PostgreSQL's text format: {@code \N} for null, backslash escapes), and INSERT statements as
 * {@code pg_dump --inserts / --column-inserts} writes them. CREATE TABLE statements give the columns of tables
 * without rows and of INSERTs without a column list; everything else is skipped.
 */
final class PgDump {

    private static final Pattern COPY = Pattern.compile(
            "(?is)COPY\\s+(\\S+)\\s*(\\([^)]*\\))\\s+FROM\\s+stdin.*");

    private PgDump() {
    }

    static Map<String, DumpTable> parse(String text) {
        Map<String, DumpTable> tables = new LinkedHashMap<>();
        SqlScript script = new SqlScript(text);
        String statement;
        while ((statement = script.nextStatement()) != null) {
            Matcher copy = COPY.matcher(statement);
            if (copy.matches()) {
                copyBlock(script, SqlValues.tableName(copy.group(1)), SqlValues.columnNames(copy.group(2)), tables);
            } else if (!SqliteDump.createTable(statement, tables)) {
                SqliteDump.insert(statement, tables, script.line());
            }
        }
        return tables;
    }

    private static void copyBlock(SqlScript script, String name, List<String> columns, Map<String, DumpTable> tables) {
        DumpTable table = tables.computeIfAbsent(name, n -> new DumpTable(columns, new ArrayList<>()));
        if (!table.columns().equals(columns)) {
            table = new DumpTable(columns, table.rows());
            tables.put(name, table);
        }
        while (true) {
            int line = script.line();
            String row = script.nextLine();
            if (row == null) {
                throw new DumpFormatException("the COPY block of " + name + " never ends (no \\. line)");
            }
            if (row.equals("\\.")) {
                return;
            }
            String[] fields = row.split("\t", -1);
            if (fields.length != columns.size()) {
                throw new DumpFormatException("line " + line + ": a row of " + name + " has " + fields.length
                        + " fields for " + columns.size() + " columns");
            }
            List<String> values = new ArrayList<>(fields.length);
            for (String field : fields) {
                values.add(field.equals("\\N") ? null : unescape(field, line));
            }
            table.rows().add(values);
        }
    }

    /** PostgreSQL's COPY text escapes: \\b \\f \\n \\r \\t \\v, octal \\NNN, hex \\xHH, any other char as itself. */
    static String unescape(String field, int line) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder bytes = new StringBuilder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                bytes.append(c);
                continue;
            }
            flush(bytes, out);
            if (++i == field.length()) {
                throw new DumpFormatException("line " + line + ": a field ends in a lone backslash");
            }
            char escaped = field.charAt(i);
            switch (escaped) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0B);
                case 'x' -> {
                    int end = i + 1;
                    while (end < field.length() && end < i + 3 && Character.digit(field.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i + 1) {
                        throw new DumpFormatException("line " + line + ": \\x without hex digits");
                    }
                    out.write(Integer.parseInt(field.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> {
                    if (escaped >= '0' && escaped <= '7') {
                        int end = i;
                        while (end < field.length() && end < i + 3 && field.charAt(end) >= '0' && field.charAt(end) <= '7') {
                            end++;
                        }
                        out.write(Integer.parseInt(field.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        bytes.append(escaped);
                    }
                }
            }
        }
        flush(bytes, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Escapes may spell the bytes of one UTF-8 character, so all text is gathered as bytes and decoded once. */
    private static void flush(StringBuilder text, ByteArrayOutputStream out) {
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        text.setLength(0);
    }
}
