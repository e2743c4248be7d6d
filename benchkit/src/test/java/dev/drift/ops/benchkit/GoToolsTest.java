package dev.drift.ops.benchkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GoTools#path} against stand-in scripts that act like {@code go-tools.sh path TOOL}. */
class GoToolsTest {

    @TempDir
    Path dir;

    @Test
    void theLastLineOnStdoutIsTheBinaryAndStderrIsProgress() throws IOException {
        Path script = script("echo 'building weed' >&2\necho noise\necho /bin/true\n");
        List<String> progress = new ArrayList<>();

        assertThat(GoTools.path(script, "seaweedfs", progress::add)).isEqualTo(Path.of("/bin/true"));
        assertThat(progress).containsExactly("building weed");
    }

    @Test
    void aFailedBuildSaysSoWithItsLastProgressLine() throws IOException {
        Path script = script("echo 'go: module not found' >&2\nexit 3\n");

        assertThatThrownBy(() -> GoTools.path(script, "distribution", line -> { }))
                .isInstanceOf(GoTools.GoToolException.class)
                .hasMessageContaining("exit 3")
                .hasMessageContaining("go: module not found");
    }

    @Test
    void aBuildThatHangsWithItsStdoutOpenIsStoppedAtTheTimeout() throws IOException {
        Path script = script("sleep 300\n");

        assertThatThrownBy(() -> GoTools.path(script, "seaweedfs", line -> { }, Duration.ofSeconds(1)))
                .isInstanceOf(GoTools.GoToolException.class)
                .hasMessageContaining("took over 1 s");
    }

    @Test
    void aPrintedPathThatIsNotAnExecutableIsRefused() throws IOException {
        Path script = script("echo " + dir.resolve("missing") + "\n");

        assertThatThrownBy(() -> GoTools.path(script, "seaweedfs", line -> { }))
                .isInstanceOf(GoTools.GoToolException.class)
                .hasMessageContaining("not an executable");
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("go-tools.sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
