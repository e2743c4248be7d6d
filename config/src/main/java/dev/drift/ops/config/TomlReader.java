package dev.drift.ops.config;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads drift.toml text into {@link Settings}: checks that every section and key is known and has
 * the right type, and remembers the line each value came from.
 */
final class TomlReader {

    private static final String UNEXPECTED = "Unexpected '";
    private static final String EXPECTED = "', expected";

    private final String source;
    private final List<String> lines;
    private final Settings settings;

    private TomlReader(String source, String toml, Settings settings) {
        this.source = source;
        this.lines = toml.lines().toList();
        this.settings = settings;
    }

    static void read(String toml, String source, Settings settings) throws ConfigException {
        TomlParseResult result = Toml.parse(toml);
        if (result.hasErrors()) {
            TomlParseError error = result.errors().get(0);
            TomlPosition position = error.position();
            throw new ConfigException(source + ":" + position.line() + ": syntax error at column "
                    + position.column() + ": " + withoutInputText(error.getMessage()), "", position.line());
        }
        new TomlReader(source, toml, settings).readTable(result, "");
    }

    /**
     * tomlj quotes the offending input ("Unexpected 'hunter2', expected ..."), which may be part
     * of a secret; keep only what was expected.
     */
    private static String withoutInputText(String message) {
        String text = message.replaceFirst(" \\(line \\d+, column \\d+\\)$", "");
        int expected = text.indexOf(EXPECTED);
        if (text.startsWith(UNEXPECTED) && expected > 0) {
            return "unexpected text" + text.substring(expected + 1);
        }
        return text;
    }

    private void readTable(TomlTable table, String section) throws ConfigException {
        List<String> names = new ArrayList<>(table.keySet());
        // Report the first problem in file order, whatever order tomlj keeps its keys in.
        names.sort(Comparator.comparing((String name) -> table.inputPositionOf(List.of(name)).line())
                .thenComparing(name -> table.inputPositionOf(List.of(name)).column()));
        for (String name : names) {
            readEntry(section, name, table.get(List.of(name)), table.inputPositionOf(List.of(name)).line());
        }
    }

    private void readEntry(String section, String name, Object value, int line) throws ConfigException {
        String dotted = section.isEmpty() ? name : section + "." + name;
        Origin origin = Origin.fileLine(source, line);
        String label = section.isEmpty() ? name : "[" + section + "] " + name;
        // A quoted name such as "server.workers" is one key with a dot in it, not a path.
        if (name.contains(".")) {
            throw origin.error(label, dotted, "unknown key");
        }
        if (ConfigKeys.isSection(dotted)) {
            if (!(value instanceof TomlTable table)) {
                throw origin.error("[" + dotted + "]", dotted, "must be a table, got " + describe(value));
            }
            readTable(table, dotted);
            return;
        }
        if (value instanceof TomlTable) {
            throw origin.error("[" + dotted + "]", dotted, "unknown section");
        }
        ConfigKey key = ConfigKeys.find(dotted)
                .orElseThrow(() -> origin.error(label, dotted, "unknown key"));
        if (key.ignored()) {
            checkType(key, value, origin);
            settings.ignore(dotted);
        } else if (key.type() == ConfigKey.ValueType.STRING_LIST) {
            readList(key, value, origin);
        } else {
            checkType(key, value, origin);
            settings.set(key, value, origin);
        }
    }

    private void readList(ConfigKey key, Object value, Origin origin) throws ConfigException {
        checkType(key, value, origin);
        TomlArray array = (TomlArray) value;
        List<String> items = new ArrayList<>();
        List<Origin> elementOrigins = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            items.add((String) array.get(i));
            elementOrigins.add(Origin.fileLine(source, elementLine(array.inputPositionOf(i))));
        }
        settings.setList(key, items, origin, elementOrigins);
    }

    /**
     * tomlj places an array element just after the preceding {@code [} or {@code ,}, which is
     * the line before when elements stand one per line; skip blanks and comments to the element.
     */
    private int elementLine(TomlPosition position) {
        int line = position.line();
        int column = position.column() - 1;
        while (line <= lines.size()) {
            String text = lines.get(line - 1);
            while (column < text.length() && Character.isWhitespace(text.charAt(column))) {
                column++;
            }
            if (column < text.length() && text.charAt(column) != '#') {
                return line;
            }
            line++;
            column = 0;
        }
        return position.line();
    }

    private static void checkType(ConfigKey key, Object value, Origin origin) throws ConfigException {
        boolean matches = switch (key.type()) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case BOOLEAN -> value instanceof Boolean;
            case STRING_LIST -> value instanceof TomlArray array && onlyStrings(array);
        };
        if (!matches) {
            throw origin.error(key, "expected " + key.type().description() + ", got " + describe(value));
        }
    }

    private static boolean onlyStrings(TomlArray array) {
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Names the TOML type of a value; never the value itself, which may be secret. */
    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        } else if (value instanceof Long) {
            return "an integer";
        } else if (value instanceof Double) {
            return "a float";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof TomlArray array) {
            return onlyStrings(array) ? "an array of strings" : "an array with non-string elements";
        } else if (value instanceof TomlTable) {
            return "a table";
        } else if (value instanceof Temporal) {
            return "a date/time";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
