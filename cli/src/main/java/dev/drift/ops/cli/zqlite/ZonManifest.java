package dev.drift.ops.cli.zqlite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level fields of a {@code build.zig.zon} that a build needs: {@code .name}, {@code .version} and
 * {@code .minimum_zig_version}. Zig 0.14+ writes the name as an enum literal ({@code .name = .zqlite}), older
 * versions as a string ({@code .name = "zqlite"}); both read the same here.
 *
 * <p>Not a full ZON parser: it walks the text once, skipping comments and string contents, and keeps the
 * {@code .field = value} pairs of the outermost struct whose value is a string or an enum literal, so the
 * {@code .name}s and {@code .version}s inside {@code .dependencies} never count.
 */
public record ZonManifest(Optional<String> name, Optional<String> version, Optional<String> minimumZigVersion) {

    public static ZonManifest parse(String text) {
        Map<String, String> fields = new Scanner(text).topLevelFields();
        return new ZonManifest(Optional.ofNullable(fields.get("name")), Optional.ofNullable(fields.get("version")),
                Optional.ofNullable(fields.get("minimum_zig_version")));
    }

    /** One pass over the text with a cursor; depth counts the braces around the cursor. */
    private static final class Scanner {
        private final String text;
        private int at;

        Scanner(String text) {
            this.text = text;
        }

        Map<String, String> topLevelFields() {
            Map<String, String> fields = new LinkedHashMap<>();
            int depth = 0;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (text.startsWith("//", at)) {
                    skipLine();
                } else if (c == '"') {
                    string();
                } else if (c == '{') {
                    depth++;
                    at++;
                } else if (c == '}') {
                    depth--;
                    at++;
                } else if (c == '.' && depth == 1 && identifierFollows()) {
                    at++;
                    String field = identifier();
                    skipSpace();
                    if (at < text.length() && text.charAt(at) == '=') {
                        at++;
                        skipSpace();
                        value().ifPresent(value -> fields.putIfAbsent(field, value));
                    }
                } else {
                    at++;
                }
            }
            return fields;
        }

        /** A string literal or an enum literal ({@code .zqlite}, {@code .@"odd name"}); other values are left to the walk. */
        private Optional<String> value() {
            if (at < text.length() && text.charAt(at) == '"') {
                return Optional.of(string());
            }
            if (at < text.length() && text.charAt(at) == '.' && identifierFollows()) {
                at++;
                return Optional.of(identifier());
            }
            return Optional.empty();
        }

        private boolean identifierFollows() {
            int next = at + 1;
            return next < text.length()
                    && (Character.isLetter(text.charAt(next)) || text.charAt(next) == '_' || text.startsWith("@\"", next));
        }

        /** A bare identifier, or Zig's {@code @"..."} form for names that are not one. */
        private String identifier() {
            if (text.startsWith("@\"", at)) {
                at++;
                return string();
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            return text.substring(start, at);
        }

        /** Reads the string literal at the cursor (on its opening quote); an escaped character stands for itself, enough for names and versions. */
        private String string() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length() && text.charAt(at) != '"' && text.charAt(at) != '\n') {
                char c = text.charAt(at);
                if (c == '\\' && at + 1 < text.length()) {
                    at++;
                    c = text.charAt(at);
                }
                value.append(c);
                at++;
            }
            at++;
            return value.toString();
        }

        private void skipLine() {
            while (at < text.length() && text.charAt(at) != '\n') {
                at++;
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
