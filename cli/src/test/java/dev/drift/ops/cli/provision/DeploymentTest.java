package dev.drift.ops.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.config.DatabaseBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest {

    @Test
    void savesAndLoadsTheStateFile(@TempDir Path dir) throws Exception {
        DataDir dataDir = new DataDir(dir);
        Deployment deployment = new Deployment("local", DatabaseBackend.POSTGRES, dataDir, "http://127.0.0.1:5000",
                "drift", List.of(
                        new Component("postgres", 41, "postgres", "127.0.0.1:5433", dataDir.postgresLog()),
                        new Component("registry", 42, "drift-registry", "http://127.0.0.1:5000", dataDir.registryLog())));
        deployment.save();
        assertThat(Deployment.load(dataDir)).contains(deployment);
        deployment.delete();
        assertThat(Deployment.load(dataDir)).isEmpty();
    }

    @Test
    void aDockerDeploymentKeepsItsInstanceName(@TempDir Path dir) throws Exception {
        DataDir dataDir = new DataDir(dir);
        Deployment deployment = new Deployment("docker", DatabaseBackend.SQLITE, dataDir, "http://127.0.0.1:5000",
                "drift", List.of(), "dev");
        deployment.save();
        assertThat(Deployment.load(dataDir)).contains(deployment);
    }

    @Test
    void aDamagedStateFileIsReportedByName(@TempDir Path dir) throws Exception {
        DataDir dataDir = new DataDir(dir);
        Files.writeString(dataDir.state(), "target=local\n");
        assertThatThrownBy(() -> Deployment.load(dataDir)).isInstanceOf(IOException.class)
                .hasMessageContaining("drift-ops.state").hasMessageContaining("backend");
    }

    @Test
    void aPidOfAnotherProgramIsNotTakenForOurs() {
        long self = ProcessHandle.current().pid();
        assertThat(new Component("registry", self, "no-such-marker-in-this-command-line", "-", Path.of("x")).isRunning())
                .isFalse();
        assertThat(new Component("registry", self, "java", "-", Path.of("x")).isRunning()).isTrue();
    }
}
