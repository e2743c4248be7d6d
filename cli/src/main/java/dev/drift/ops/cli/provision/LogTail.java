package dev.drift.ops.cli.provision;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The end of a log: what a failed start shows so the reason is on screen. */
public final class LogTail {

    private static final Duration FOLLOW_POLL = Duration.ofMillis(300);

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

    /**
     * Hands what is appended to {@code log} to {@code sink}, line by line, until the thread is
     * interrupted (Ctrl-C ends the JVM); a truncated or replaced file is read from its start.
     */
    public static void follow(Path log, Consumer<String> sink) throws IOException, InterruptedException {
        long position = Files.size(log);
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
            long size = Files.size(log);
            if (size < position) {
                position = 0;
            }
            if (size > position) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(position);
                    byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
                    file.readFully(bytes);
                    position += bytes.length;
                    partial.append(new String(bytes, StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        sink.accept(partial.substring(0, newline));
                        partial.delete(0, newline + 1);
                    }
                }
            }
            Thread.sleep(FOLLOW_POLL);
        }
    }

    static String lastLines(String text, int count) {
        List<String> lines = Arrays.asList(text.split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
