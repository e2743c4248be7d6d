package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.docker.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code docker build} of compose/zqlite/Dockerfile (apt-get, pip's ziglang download through this machine's
 * proxy with its CA trusted, zig build) on a source tree that has ZQLite's manifest but a build.zig that does not
 * compile: a TEST DOUBLE of a broken checkout, not ZQLite. No ZQLite source exists on these machines.
 */
class ZqliteBuildIT {

    private static final String TAG = "drift-test-double/zqlite-broken-build:latest";

    private static DockerEngine engine;

    @TempDir
    Path source;

    @BeforeAll
    static void engine() {
        engine = DockerImagesForTests.engineWithBaseImage();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aBuildZigThatDoesNotCompileFailsNamingTheStepAndShowingTheCompilerError() throws IOException {
        // A manifest Zig 0.15 accepts (the fingerprint is the one it suggests for the name zqlite), so that the
        // failure is the compile error in build.zig.
        Files.writeString(source.resolve("build.zig.zon"), """
                .{
                    .name = .zqlite,
                    .version = "0.0.0",
                    .fingerprint = 0x9fb4d74a80685dd2,
                    .minimum_zig_version = "0.15.1",
                    .paths = .{ "build.zig", "build.zig.zon" },
                }
                """);
        Files.writeString(source.resolve("build.zig"), """
                const std = @import("std");
                pub fn build(b: *std.Build) void { this is not zig }
                """);

        CliRun run = CliRun.of("build", "zqlite", "--source", source.toString(), "--tag", TAG,
                "--base-image", DockerImagesForTests.BASE_IMAGE);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(run.err())
                .containsPattern("building drift-zqlite 0\\.0\\.0 failed at Step \\d+/\\d+ : RUN python3 -m ziglang build")
                .contains("build.zig:2:")
                .contains("error: ")
                .contains("returned a non-zero code");
        assertThat(engine.imageId(TAG)).isEmpty();
        assertThat(run.out()).isEmpty();
    }
}
