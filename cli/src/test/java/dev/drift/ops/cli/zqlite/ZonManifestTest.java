package dev.drift.ops.cli.zqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZonManifestTest {

    @Test
    void readsTheEnumLiteralNameOfZig014AndLater() {
        ZonManifest manifest = ZonManifest.parse("""
                .{
                    .name = .zqlite,
                    .version = "0.5.0",
                    .fingerprint = 0x2a5e3c1d9b7f4e60,
                    .minimum_zig_version = "0.14.0",
                    .paths = .{ "build.zig", "build.zig.zon", "src" },
                }
                """);

        assertThat(manifest).isEqualTo(new ZonManifest(Optional.of("zqlite"), Optional.of("0.5.0"), Optional.of("0.14.0")));
    }

    @Test
    void readsTheStringNameOfOlderZig() {
        ZonManifest manifest = ZonManifest.parse("""
                .{
                    .name = "zqlite",
                    .version = "0.3.1",
                }
                """);

        assertThat(manifest).isEqualTo(new ZonManifest(Optional.of("zqlite"), Optional.of("0.3.1"), Optional.empty()));
    }

    @Test
    void ignoresFieldsOfDependenciesCommentsAndStringContents() {
        ZonManifest manifest = ZonManifest.parse("""
                // .name = .commented_out,
                .{
                    .dependencies = .{
                        .zsync = .{
                            .name = .zsync,
                            .version = "9.9.9",
                            .url = "https://example.invalid/x.tar.gz?.name=.inurl",
                        },
                    },
                    .name = .@"zqlite",
                }
                """);

        assertThat(manifest).isEqualTo(new ZonManifest(Optional.of("zqlite"), Optional.empty(), Optional.empty()));
    }

    @Test
    void anotherNameIsReadAsIs() {
        assertThat(ZonManifest.parse(".{ .name = .sqlite_clone, .version = \"1.0.0\" }").name()).contains("sqlite_clone");
    }
}
