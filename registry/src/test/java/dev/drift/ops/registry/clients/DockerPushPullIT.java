package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.testkit.TarArchive;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.testkit.Commands;

/**
 * The Docker engine pushes an image to Drift and pulls it back. Docker treats registries on
 * 127.0.0.0/8 as insecure-allowed, so plain HTTP on loopback needs no daemon configuration.
 */
class DockerPushPullIT {

    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static final String DOCKER_MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

    @TempDir
    Path work;

    @BeforeEach
    void requireDocker() {
        RealTools.requireDockerEngine();
    }

    @Test
    void pulledImageIsThePushedImage() throws Exception {
        // A fresh file in the root makes a fresh image id, so nothing cached can stand in for it.
        byte[] rootfs = new TarArchive()
                .directory("etc")
                .file("etc/hostname", "drift-it\n")
                .file("hello.txt", "pushed by DockerPushPullIT " + UUID.randomUUID() + "\n")
                .toBytes();
        Path rootfsTar = Files.write(work.resolve("rootfs.tar"), rootfs);

        try (DriftProcess drift = DriftProcess.startSqlite("DockerPushPullIT", Files.createDirectories(work.resolve("drift")))) {
            String image = drift.hostPort() + "/clients/docker:v1";
            try {
                String importedId = Commands.run("docker", "import", rootfsTar.toString(), image);

                String pushOutput = Commands.run("docker", "push", image);
                Matcher pushed = PUSHED_DIGEST.matcher(pushOutput);
                assertThat(pushed.find()).as("docker push output names a digest:\n%s", pushOutput).isTrue();
                String pushedDigest = pushed.group(1);
                assertThat(manifestDigestServedBy(drift, "clients/docker", "v1")).isEqualTo(pushedDigest);

                Commands.run("docker", "rmi", image);
                assertThat(Commands.tryRun(Duration.ofSeconds(30), "docker", "image", "inspect", importedId).succeeded())
                        .as("image %s is gone locally before the pull", importedId)
                        .isFalse();

                Commands.run("docker", "pull", image);
                assertThat(Commands.run("docker", "image", "inspect", "--format", "{{.Id}}", image))
                        .isEqualTo(importedId);
                assertThat(Commands.run("docker", "image", "inspect", "--format", "{{join .RepoDigests \"\\n\"}}", image).lines())
                        .contains(drift.hostPort() + "/clients/docker@" + pushedDigest);
            } finally {
                Commands.tryRun(Duration.ofSeconds(30), "docker", "rmi", "--force", image);
            }
        }
    }

    private static String manifestDigestServedBy(DriftProcess drift, String repository, String tag) throws Exception {
        HttpRequest head = HttpRequest.newBuilder(drift.baseUrl().resolve("/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", DOCKER_MANIFEST_TYPE)
                .build();
        HttpResponse<Void> response = HttpClient.newHttpClient().send(head, HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).as("HEAD manifest %s:%s", repository, tag).isEqualTo(200);
        return response.headers().firstValue("Docker-Content-Digest").orElse("(no Docker-Content-Digest header)");
    }
}
