package dev.drift.ops.cli.zqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.docker.BuildContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZqliteImageTest {

    @TempDir
    Path tree;

    @Test
    void theContextHoldsTheDockerfileTheSourceUnderSrcAndTheCertificatesButNoCachesOrHistory() throws IOException {
        write("build.zig", "// stands in for a build script");
        write("build.zig.zon", ".{ .name = .zqlite, .version = \"0.5.0\" }");
        write("src/main.zig", "");
        write("src/.zig-cache/o/cached", "");
        write(".zig-cache/h/cached", "");
        write("zig-cache/old-cached", "");
        write("zig-out/bin/zqlite", "");
        write(".git/HEAD", "");
        write("docs/.git", "a submodule's .git file");
        Path certificate = write("../ca/proxy.pem", "-----BEGIN CERTIFICATE-----");
        Path sameName = write("../other/proxy.crt", "-----BEGIN CERTIFICATE-----");

        ZqliteSource source = ZqliteSource.inspect(tree);
        Map<String, String> entries = entries(ZqliteImage.context(source, List.of(certificate, sameName)));

        assertThat(entries.keySet()).containsExactlyInAnyOrder(
                "Dockerfile",
                "src/build.zig", "src/build.zig.zon", "src/src/", "src/src/main.zig", "src/docs/",
                "ca-certificates/", "ca-certificates/01-proxy.crt", "ca-certificates/02-proxy.crt");
        assertThat(entries.get("Dockerfile")).contains("ZIG_VERSION").contains("BASE_IMAGE");
        assertThat(entries.get("src/build.zig")).isEqualTo("// stands in for a build script");
    }

    @Test
    void withoutCertificatesTheDirectoryTheDockerfileCopiesStillExists() throws IOException {
        write("build.zig", "");
        write("build.zig.zon", ".{ .name = .zqlite, .version = \"0.5.0\" }");

        Map<String, String> entries = entries(ZqliteImage.context(ZqliteSource.inspect(tree), List.of()));

        assertThat(entries.keySet()).containsExactlyInAnyOrder("Dockerfile", "src/build.zig", "src/build.zig.zon",
                "ca-certificates/");
    }

    @Test
    void buildArgumentsAndTagsComeFromTheSourceAndOptions() throws IOException {
        write("build.zig", "");
        write("build.zig.zon", ".{ .name = .zqlite, .version = \"0.5.0\" }");

        assertThat(ZqliteImage.versionTag(ZqliteSource.inspect(tree))).isEqualTo("drift-zqlite:0.5.0");
        assertThat(ZqliteImage.buildArgs("0.14.1", "drift-local/debian:bookworm"))
                .containsExactly(Map.entry("ZIG_VERSION", "0.14.1"), Map.entry("BASE_IMAGE", "drift-local/debian:bookworm"));
    }

    /** The tar's entries in order, each with its content as text. */
    private static Map<String, String> entries(BuildContext context) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (context; InputStream in = context.open(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private Path write(String name, String content) throws IOException {
        Path file = tree.resolve(name).normalize();
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
