package dev.drift.ops.registry.migrate.dump;

/**
 * A cursor over a SQL script (a dump file): hands out one statement at a time, split at semicolons outside
 * quoted text, identifiers and {@code --} comments, and, for PostgreSQL's COPY blocks, raw lines. Lines starting
 * with a backslash between statements are psql meta-commands and are skipped.
 */
final class SqlScript {

    private final String text;
    private int position;
    private int line = 1;

    SqlScript(String text) {
        this.text = text;
    }

    /** The line the cursor is on, for messages. */
    int line() {
        return line;
    }

    /** The next statement without its semicolon and without comments, stripped; null at the end of the script. */
    String nextStatement() {
        StringBuilder statement = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\'' || c == '"') {
                int end = closingQuote(c);
                statement.append(text, position, end);
                advanceTo(end);
            } else if (c == '\\' && statement.isEmpty()) {
                // A psql meta-command between statements (pg_dump 15.14+ writes "restrict" and "unrestrict" ones): one line.
                int end = text.indexOf('\n', position);
                advanceTo(end < 0 ? text.length() : end);
            } else if (c == '-' && text.startsWith("--", position)) {
                int end = text.indexOf('\n', position);
                advanceTo(end < 0 ? text.length() : end);
            } else if (c == ';') {
                advanceTo(position + 1);
                skipRestOfLineIfBlank();
                String done = statement.toString().strip();
                if (!done.isEmpty()) {
                    return done;
                }
                statement.setLength(0);
            } else if (statement.isEmpty() && Character.isWhitespace(c)) {
                advanceTo(position + 1);
            } else {
                statement.append(c);
                advanceTo(position + 1);
            }
        }
        String rest = statement.toString().strip();
        if (!rest.isEmpty()) {
            throw new DumpFormatException("the dump ends inside a statement that has no closing semicolon: "
                    + abbreviate(rest));
        }
        return null;
    }

    /** The next raw line without its line break; null at the end of the script. */
    String nextLine() {
        if (position >= text.length()) {
            return null;
        }
        int end = text.indexOf('\n', position);
        String raw = text.substring(position, end < 0 ? text.length() : end);
        advanceTo(end < 0 ? text.length() : end + 1);
        return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** After a statement's semicolon, moves past the line break, so that a COPY block's data starts at its line. */
    private void skipRestOfLineIfBlank() {
        int end = text.indexOf('\n', position);
        if (end >= 0 && text.substring(position, end).isBlank()) {
            advanceTo(end + 1);
        }
    }

    /** The position just after the quote that closes the one at {@code position} (a doubled quote continues). */
    private int closingQuote(char quote) {
        int at = position + 1;
        while (true) {
            int next = text.indexOf(quote, at);
            if (next < 0) {
                throw new DumpFormatException("line " + line + ": a quoted text or name opened here is never closed");
            }
            if (next + 1 < text.length() && text.charAt(next + 1) == quote) {
                at = next + 2;
            } else {
                return next + 1;
            }
        }
    }

    private void advanceTo(int end) {
        for (int i = position; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        position = end;
    }

    static String abbreviate(String statement) {
        String oneLine = statement.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
    }
}
