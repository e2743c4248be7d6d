package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged jar with {@code DOCKER_HOST} pointing at a socket nothing listens on: every command that
 * needs the engine says where it looked and how to start one, exits 4, and leaves no state behind.
 * Needs no Docker itself, which is the point.
 */
class NoDockerEngineIT {

    @ParameterizedTest
    @ValueSource(strings = {"up --target docker -d", "build drift", "build zqlite --check-only"})
    void commandsThatNeedTheEngineSayHowToStartOne(String command, @TempDir Path dir) throws Exception {
        Path socket = dir.resolve("no-engine.sock");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddrift.registry.jar=" + System.getProperty("drift.registry.jar"),
                "-jar", System.getProperty("drift.ops.jar")));
        argv.addAll(List.of(command.split(" ")));
        if (command.startsWith("up")) {
            argv.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", "unix://" + socket);
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(cli.exitValue()).as(output).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(output).contains("no Docker engine answers at unix://" + socket)
                .contains("Start one (Debian: apt-get install docker.io, then dockerd")
                .doesNotContain("Exception");
        assertThat(stateFiles(dir)).as("nothing recorded for an instance that never started").isEmpty();
    }

    private static List<Path> stateFiles(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            return paths.filter(path -> path.getFileName().toString().equals("drift-ops.state")).toList();
        }
    }
}
