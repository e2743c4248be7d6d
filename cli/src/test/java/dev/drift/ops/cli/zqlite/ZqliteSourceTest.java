package dev.drift.ops.cli.zqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trees here only look like ZQLite source where a test says so: they hold no Zig code. */
class ZqliteSourceTest {

    @TempDir
    Path dir;

    @Test
    void aTreeWithBuildZigAndAZqliteManifestIsAccepted() throws IOException {
        write("build.zig", "");
        write("build.zig.zon", ".{ .name = .zqlite, .version = \"0.5.0\", .minimum_zig_version = \"0.14.1\" }");

        assertThat(ZqliteSource.inspect(dir)).isEqualTo(new ZqliteSource(dir.toAbsolutePath(), "0.5.0", "0.14.1"));
    }

    @Test
    void withoutMinimumZigVersionTheDefaultToolchainIsUsed() throws IOException {
        write("build.zig", "");
        write("build.zig.zon", ".{ .name = \"zqlite\", .version = \"0.3.1\" }");

        assertThat(ZqliteSource.inspect(dir).zigVersion()).isEqualTo(ZqliteSource.DEFAULT_ZIG_VERSION);
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = dir.resolve("archive/zqlite");

        assertNotZqlite(missing, missing + " is not ZQLite source: the directory does not exist");
    }

    @Test
    void aFileInsteadOfADirectoryIsNamed() throws IOException {
        write("build.zig", "");

        assertNotZqlite(dir.resolve("build.zig"), "build.zig is not ZQLite source: it is not a directory");
    }

    @Test
    void missingBuildFilesAreNamed() throws IOException {
        assertNotZqlite(dir, dir + " is not ZQLite source: build.zig and build.zig.zon are missing");

        write("build.zig.zon", ".{ .name = .zqlite, .version = \"0.5.0\" }");
        assertNotZqlite(dir, dir + " is not ZQLite source: build.zig is missing");

        Files.delete(dir.resolve("build.zig.zon"));
        write("build.zig", "");
        assertNotZqlite(dir, dir + " is not ZQLite source: build.zig.zon is missing");
    }

    @Test
    void aMissingBuildZigAndAForeignManifestAreNamedTogether() throws IOException {
        write("build.zig.zon", ".{ .name = .sqlite3, .version = \"1.0\" }");

        assertNotZqlite(dir, dir + " is not ZQLite source: build.zig is missing; build.zig.zon's .name is sqlite3, "
                + "not zqlite; build.zig.zon's .version \"1.0\" is not x.y.z");
    }

    @Test
    void anotherProjectIsNamed() throws IOException {
        write("build.zig", "");
        write("build.zig.zon", ".{ .name = .zsqlite, .version = \"1.2.3\" }");

        assertNotZqlite(dir, "build.zig.zon's .name is zsqlite, not zqlite");
    }

    @Test
    void aManifestWithoutNameOrVersionSaysSo() throws IOException {
        write("build.zig", "");
        write("build.zig.zon", ".{ .paths = .{\"src\"} }");

        assertNotZqlite(dir, "build.zig.zon has no .name; build.zig.zon has no .version");
    }

    @Test
    void aVersionThatCannotBeATagIsRefused() throws IOException {
        write("build.zig", "");
        write("build.zig.zon", ".{ .name = .zqlite, .version = \"0.5\" }");

        assertNotZqlite(dir, "build.zig.zon's .version \"0.5\" is not x.y.z");
    }

    private void assertNotZqlite(Path source, String message) {
        assertThatThrownBy(() -> ZqliteSource.inspect(source))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageContaining(message);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
