package dev.drift.ops.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code [registry] gc_interval}: how often the server's own garbage collector runs, written {@code 0} (off, the
 * default) or a whole number with a unit: {@code 90s}, {@code 30m}, {@code 6h}, {@code 1d}.
 */
final class GcInterval {

    static final String OFF = "0";
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([smhd])");

    private GcInterval() {
    }

    /** The interval, {@link Duration#ZERO} for off; {@link IllegalArgumentException} saying the form otherwise. */
    static Duration parse(String text) {
        String value = text.strip();
        if (value.isEmpty() || value.equals(OFF)) {
            return Duration.ZERO;
        }
        Matcher form = FORM.matcher(value);
        if (!form.matches() || Long.parseLong(form.group(1)) == 0) {
            throw new IllegalArgumentException("must be 0 (off) or a whole number with a unit s, m, h or d, e.g. \"6h\"; "
                    + "got \"" + text + "\"");
        }
        long amount = Long.parseLong(form.group(1));
        return switch (form.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The shortest text {@link #parse} reads back as {@code interval}. */
    static String format(Duration interval) {
        long seconds = interval.toSeconds();
        if (seconds == 0) {
            return OFF;
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
