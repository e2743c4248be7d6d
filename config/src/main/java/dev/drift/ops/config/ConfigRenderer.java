package dev.drift.ops.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a config as drift.toml: every used key (those of {@code [storage.s3]} only with the s3 backend),
 * sections and keys always in catalog order, so the same config always gives the same bytes.
 */
final class ConfigRenderer {

    private ConfigRenderer() {
    }

    static String render(DriftConfig config, boolean redacted) {
        StringBuilder out = new StringBuilder(redacted
                ? "# drift.toml written by drift-ops; secrets are shown as " + Secret.MASK + "\n"
                : "# drift.toml written by drift-ops; holds secrets, keep it mode 0600\n");
        String section = "";
        for (ConfigKey key : ConfigKeys.ALL) {
            // [storage.s3] means nothing to a filesystem store, so its defaults would only be noise in every fs file.
            if (key.section().equals("storage.s3") && !config.storage().isS3()) {
                continue;
            }
            if (!key.section().equals(section)) {
                section = key.section();
                out.append("\n[").append(section).append("]\n");
            }
            out.append(key.name()).append(" = ").append(value(key, key.currentValue(config), redacted)).append('\n');
        }
        return out.toString();
    }

    private static String value(ConfigKey key, Object value, boolean redacted) {
        if (value instanceof String text) {
            return quote(redacted ? redact(key, text) : text);
        }
        if (value instanceof List<?> items) {
            return items.stream()
                    .map(item -> quote(redacted ? redact(key, (String) item) : (String) item))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    private static String redact(ConfigKey key, String text) {
        return switch (key.sensitivity()) {
            case PLAIN -> text;
            // An empty secret hides nothing; showing it as empty tells the reader it is unset.
            case SECRET -> text.isEmpty() ? text : Secret.MASK;
            case USER_LIST -> text.substring(0, Math.max(text.indexOf(':'), 0)) + ":" + Secret.MASK;
            case URL -> Redaction.url(text);
        };
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped, the rest as is. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
