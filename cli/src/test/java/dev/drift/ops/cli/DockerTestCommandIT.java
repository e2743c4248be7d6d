package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.testkit.Commands;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drift-ops test --target docker}: the bundled e2e suite against containers, per backend. */
class DockerTestCommandIT {

    @TempDir
    Path temp;

    @Test
    void theSuitePassesOnSqliteAndPostgresContainersSkipsZqliteWithoutItsImageAndLeavesNothingBehind() {
        String image = DockerImagesForTests.drift();
        String postgresImage = DockerImagesForTests.postgres();
        String prefix = "it" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        Path reports = temp.resolve("reports");

        CliRun run = CliRun.of("test", "--target", "docker", "--backend", "all", "--name", prefix,
                "--drift-image", image, "--postgres-image", postgresImage,
                "--zqlite-image", "drift-ops-it/no-zqlite:none", "--reports", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("sqlite +[1-9]\\d* +0 +\\d+")
                .containsPattern("postgres +[1-9]\\d* +0 +\\d+")
                .containsPattern("zqlite +0 +0 +1")
                .contains("no image drift-ops-it/no-zqlite:none (drift-ops build zqlite --source DIR makes it)");
        assertThat(run.err()).contains("container drift-" + prefix + "-sqlite-", "container drift-" + prefix + "-postgres-");
        assertThat(Commands.run("docker", "ps", "-a", "--format", "{{.Names}}")).doesNotContain(prefix);
        assertThat(Commands.run("docker", "volume", "ls", "--format", "{{.Name}}")).doesNotContain(prefix);
        assertThat(Commands.run("docker", "network", "ls", "--format", "{{.Name}}")).doesNotContain(prefix);
    }
}
