package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Go program at the version {@code scripts/versions.env} pins: what {@code go-tools.sh path TOOL} prints, building
 * it first when this machine has no build of that version yet (minutes; its progress shows on stderr).
 */
final class GoTool {

    private GoTool() {
    }

    /** @param alternative what the user can do instead, for the message when the script is not there */
    static Path path(Path goTools, String tool, String alternative) {
        if (!Files.isExecutable(goTools)) {
            throw new BenchException(goTools + " is not there to build " + tool + "; run the bench from the drift-ops "
                    + "checkout, or " + alternative);
        }
        try {
            Process process = new ProcessBuilder(goTools.toString(), "path", tool)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().close();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (process.waitFor() != 0 || lines.isEmpty()) {
                throw new BenchException(goTools + " path " + tool + " failed (exit " + process.exitValue() + ")");
            }
            return Path.of(lines.getLast().strip());
        } catch (IOException e) {
            throw new BenchException("cannot run " + goTools + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while building " + tool, e);
        }
    }
}
