package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.RegistryJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a tool of drift-registry.jar (a main class next to the stores it works on) in a child JVM, so the CLI does not
 * carry every database driver, relaying its stdout and stderr line by line as they come.
 */
final class RegistryTool {

    private RegistryTool() {
    }

    /** Runs {@code mainClass} with {@code arguments}; returns the tool's exit code. */
    static int run(String mainClass, List<String> arguments, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", RegistryJar.locate().toString(), mainClass));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        Thread errors = Thread.ofVirtual().start(() -> copyLines(process.getErrorStream(), err));
        copyLines(process.getInputStream(), out);
        errors.join();
        return process.waitFor();
    }

    /** Relays the tool's lines as they come, so progress shows while a long run goes on. */
    private static void copyLines(InputStream from, PrintWriter to) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                to.println(line);
                to.flush();
            }
        } catch (IOException e) {
            to.println("drift-ops: lost the registry tool's output: " + e.getMessage());
            to.flush();
        }
    }
}
