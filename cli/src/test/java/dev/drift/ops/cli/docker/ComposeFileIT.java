package dev.drift.ops.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.deploy.Layout;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.RealTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose itself (Debian's docker-compose 1.29, which knows profiles) reads
 * compose/docker-compose.yml: it validates, and variables resolve to what the file promises.
 */
class ComposeFileIT {

    private static final Path COMPOSE_FILE = Path.of("..", "compose", ComposeFile.FILE_NAME);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void requireDockerCompose() {
        RealTools.requireCommand("docker-compose", "version");
    }

    @Test
    void validatesWithAndWithoutTheZqliteProfile() {
        assertThat(compose("config", "-q").stderr()).isEmpty();
        assertThat(compose("--profile", "zqlite", "config", "-q").stderr()).isEmpty();
        // 1.29 lists every service here whatever the profiles; that zqlite is under its profile shows in config.
        assertThat(compose("config", "--services").stdout().lines())
                .containsExactlyInAnyOrder("registry", "postgres", "zqlite");
        assertThat(compose("config").stdout()).containsPattern("profiles:\\s+- zqlite");
    }

    @Test
    void resolvesDefaultsAndKeepsTheHealthcheckShellVariable() {
        String resolved = compose("--profile", "zqlite", "config").stdout();
        assertThat(resolved)
                .contains("image: " + Images.drift())
                .contains("image: " + Images.POSTGRES_DEFAULT)
                .contains("image: " + Images.zqlite())
                .contains("DRIFT_DATABASE_BACKEND: postgres")
                .contains("- 127.0.0.1:" + Layout.REGISTRY_PORT + ":" + Layout.REGISTRY_PORT + "/tcp")
                .contains("- '" + Layout.ZQLITE_PORT + "'");
    }

    private static Commands.Result compose(String... args) {
        // Without the variables a user (or CI, which points them at local images) may have set: the defaults are checked.
        List<String> command = new ArrayList<>(List.of("env", "-u", ComposeFile.DRIFT_IMAGE_ENV, "-u", Images.POSTGRES_ENV,
                "-u", ComposeFile.ZQLITE_IMAGE_ENV, "-u", ComposeFile.PORT_ENV, "-u", ComposeFile.BACKEND_ENV,
                "docker-compose", "-f", COMPOSE_FILE.toString()));
        command.addAll(List.of(args));
        String[] argv = command.toArray(String[]::new);
        Commands.Result result = Commands.tryRun(TIMEOUT, argv);
        assertThat(result.succeeded()).as(String.join(" ", argv) + ": " + result.stderr()).isTrue();
        return result;
    }
}
