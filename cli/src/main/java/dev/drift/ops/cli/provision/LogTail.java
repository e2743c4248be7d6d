package dev.drift.ops.cli.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The end of a log: what a failed start shows so the reason is on screen. */
public final class LogTail {

    private LogTail() {
    }

    /** The last {@code count} lines of {@code file}, or an empty list when it does not exist. */
    public static List<String> lastLines(Path file, int count) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        // Logs are small next to memory; reading whole keeps this simple and correct for any line length.
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    static String lastLines(String text, int count) {
        List<String> lines = Arrays.asList(text.split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
