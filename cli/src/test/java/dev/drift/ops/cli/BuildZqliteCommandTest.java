package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals that come before Docker is asked anything, so they need no engine. */
class BuildZqliteCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSourceThatIsNotZqliteIsAUsageErrorNamingWhatIsMissing() throws IOException {
        Files.writeString(dir.resolve("build.zig"), "");

        CliRun run = CliRun.of("build", "zqlite", "--source", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(dir + " is not ZQLite source: build.zig.zon is missing");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theDefaultSourceIsArchiveZqlite() {
        CliRun run = CliRun.of("build", "zqlite");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(Path.of("archive/zqlite").toAbsolutePath()
                + " is not ZQLite source: the directory does not exist");
    }

    @Test
    void aMissingCaCertificateIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("build.zig"), "");
        Files.writeString(dir.resolve("build.zig.zon"), ".{ .name = .zqlite, .version = \"0.5.0\" }");
        Path missing = dir.resolve("proxy.crt");

        CliRun run = CliRun.of("build", "zqlite", "--source", dir.toString(), "--ca-cert", missing.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--ca-cert " + missing + ": no such file");
    }
}
