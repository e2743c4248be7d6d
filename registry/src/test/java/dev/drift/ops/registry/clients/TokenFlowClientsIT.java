package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.OciLayout;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.testkit.TarArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker, podman and skopeo against Drift with {@code [auth] mode = "token"}: each logs in (the password on stdin or
 * in an auth file, never on a command line), follows the Bearer challenge to the token endpoint, pushes an image and
 * pulls it back with the same digests; without a login each is refused.
 */
class TokenFlowClientsIT {

    private static final String USER = "ci";
    private static final String PASSWORD = "token-flow-" + UUID.randomUUID();

    @TempDir
    Path work;

    private DriftProcess drift;

    @BeforeEach
    void startDrift() {
        drift = DriftProcess.startSqlite("TokenFlowClientsIT", work, "", """
                [auth]
                mode = "token"
                jwt_secret = "%s"
                [auth.basic]
                users = ["%s:%s"]
                """.formatted(UUID.randomUUID(), USER, PASSWORD));
    }

    @AfterEach
    void stopDrift() {
        drift.close();
    }

    @Test
    void dockerLogsInPushesAndPullsThroughTheTokenFlow() throws Exception {
        RealTools.requireDockerEngine();
        Path dockerConfig = Files.createDirectories(work.resolve("docker-config"));
        String image = drift.hostPort() + "/token/docker:v1";
        Path rootfs = Files.write(work.resolve("rootfs.tar"), new TarArchive()
                .file("hello.txt", "pushed through the token flow " + UUID.randomUUID() + "\n").toBytes());
        try {
            String importedId = Commands.run("docker", "import", rootfs.toString(), image);
            assertThat(Commands.tryRun(Duration.ofMinutes(1), "docker", "--config", dockerConfig.toString(), "push", image)
                    .succeeded()).as("no login, no push").isFalse();
            withPasswordOnStdin("docker", "--config", dockerConfig.toString(), "login", "--username", USER,
                    "--password-stdin", drift.hostPort());
            String pushed = Commands.run("docker", "--config", dockerConfig.toString(), "push", image);
            assertThat(pushed).contains("digest: sha256:");
            Commands.run("docker", "rmi", image);
            Commands.run("docker", "--config", dockerConfig.toString(), "pull", image);
            assertThat(Commands.run("docker", "image", "inspect", "--format", "{{.Id}}", image)).isEqualTo(importedId);
        } finally {
            Commands.tryRun(Duration.ofSeconds(30), "docker", "rmi", "--force", image);
        }
    }

    @Test
    void podmanLogsInPushesAndPullsThroughTheTokenFlow() throws Exception {
        RealTools.requireCommand("podman", "--version");
        Path authFile = work.resolve("podman-auth.json");
        String image = drift.hostPort() + "/token/podman:v1";
        Path rootfs = Files.write(work.resolve("rootfs.tar"), new TarArchive()
                .file("hello.txt", "pushed by podman " + UUID.randomUUID() + "\n").toBytes());
        try {
            Commands.run("podman", "import", rootfs.toString(), image);
            assertThat(Commands.tryRun(Duration.ofMinutes(1), "podman", "push", "--tls-verify=false", "--authfile",
                    authFile.toString(), image).succeeded()).as("no login, no push").isFalse();
            withPasswordOnStdin("podman", "login", "--tls-verify=false", "--authfile", authFile.toString(),
                    "--username", USER, "--password-stdin", drift.hostPort());
            Path digestFile = work.resolve("podman-digest");
            Commands.run("podman", "push", "--tls-verify=false", "--authfile", authFile.toString(),
                    "--digestfile", digestFile.toString(), image);
            String digest = Files.readString(digestFile).strip();
            Commands.run("podman", "rmi", image);
            Commands.run("podman", "pull", "--tls-verify=false", "--authfile", authFile.toString(), image);
            assertThat(Commands.run("podman", "image", "inspect", "--format", "{{.Digest}}", image)).isEqualTo(digest);
        } finally {
            Commands.tryRun(Duration.ofSeconds(30), "podman", "rmi", "--force", image);
        }
    }

    @Test
    void skopeoCopiesThroughTheTokenFlow() throws Exception {
        RealTools.requireSkopeo();
        OciLayout.Image pushed = OciLayout.writeImage(work.resolve("source"), "v1", "token-flow");
        String remote = "docker://" + drift.hostPort() + "/token/skopeo:v1";
        assertThat(Commands.tryRun(Duration.ofMinutes(1), "skopeo", "copy", "--dest-tls-verify=false",
                "oci:" + work.resolve("source") + ":v1", remote).succeeded()).as("no login, no push").isFalse();
        Path authFile = work.resolve("skopeo-auth.json");
        Files.writeString(authFile, "{\"auths\": {\"" + drift.hostPort() + "\": {\"auth\": \"" + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        Files.setPosixFilePermissions(authFile, PosixFilePermissions.fromString("rw-------"));
        Commands.run("skopeo", "copy", "--dest-tls-verify=false", "--authfile", authFile.toString(),
                "oci:" + work.resolve("source") + ":v1", remote);
        Path copied = work.resolve("copied");
        Commands.run("skopeo", "copy", "--src-tls-verify=false", "--authfile", authFile.toString(), remote,
                "oci:" + copied + ":v1");
        OciLayout.Image back = OciLayout.readImage(copied, "v1");
        assertThat(back.manifestDigest()).isEqualTo(pushed.manifestDigest());
        assertThat(back.layerDigests()).containsExactlyElementsOf(pushed.layerDigests());
    }

    /** Runs a login command with the password on its stdin, so it is in no process's arguments. */
    private void withPasswordOnStdin(String... command) throws Exception {
        Path password = work.resolve("password");
        Files.writeString(password, PASSWORD);
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectInput(password.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
            assertThat(process.exitValue()).as("%s login: %s", command[0], output).isZero();
            assertThat(output).contains("Login Succeeded");
        } finally {
            Files.delete(password);
        }
    }
}
