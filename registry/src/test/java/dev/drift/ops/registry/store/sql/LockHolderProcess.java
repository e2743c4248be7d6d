package dev.drift.ops.registry.store.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.drift.ops.registry.store.LockMode;
import dev.drift.ops.registry.store.MetadataStore;

/**
 * Another process on a SQLite database, as a second Drift or {@code drift-ops gc} is: it opens the store, takes a
 * content lock or the collector lock, says {@code held} (or {@code refused}) on stdout, and lets go when its stdin closes.
 */
final class LockHolderProcess implements AutoCloseable {

    private final Process process;
    private final String answer;

    private LockHolderProcess(Process process, String answer) {
        this.process = process;
        this.answer = answer;
    }

    /** Starts the process holding {@code lock} ("collector", or a digest for its exclusive content lock). */
    static LockHolderProcess start(Path dbFile, String lock) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), LockHolderProcess.class.getName(),
                dbFile.toString(), lock));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("the lock holder process ended without holding " + lock);
        }
        return new LockHolderProcess(process, answer);
    }

    /** What the process said: {@code held} or {@code refused}. */
    String answer() {
        return answer;
    }

    /** Closes its stdin and waits for it to release the lock and end. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the lock holder process did not end within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        try (MetadataStore store = SqlMetadataStore.openSqlite(Path.of(args[0]))) {
            if (args[1].equals("collector")) {
                Optional<Boolean> ran = store.underCollectorLock(() -> holdUntilStdinCloses(out));
                if (ran.isEmpty()) {
                    say(out, "refused");
                }
            } else {
                store.underContentLock(args[1], LockMode.EXCLUSIVE, () -> holdUntilStdinCloses(out));
            }
        }
    }

    private static boolean holdUntilStdinCloses(Writer out) {
        try {
            say(out, "held");
            while (System.in.read() != -1) {
                // Nothing is sent; the parent closing stdin is the signal.
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(Writer out, String line) throws IOException {
        out.write(line + "\n");
        out.flush();
    }
}
