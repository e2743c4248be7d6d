package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.docker.ComposeFile;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.RealTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does with compose/: init-secrets.sh, then docker-compose up with the image drift-ops
 * build drift makes. Drift comes up on PostgreSQL, reachable on 127.0.0.1 only, and compose reports
 * both services healthy (which also proves the readiness probe survives compose's $-interpolation).
 * Runs on a copy of compose/ so the secrets it makes never land in the working tree.
 */
class ComposeUpIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final String project = "drift-compose-it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void upRunsDriftOnPostgresHealthyOnLoopback() throws Exception {
        RealTools.requireDockerEngine();
        RealTools.requireCommand("docker-compose", "version");
        String jreImage = imageFromEnvironment(Images.JRE_ENV, Images.JRE_DEFAULT);
        String postgresImage = imageFromEnvironment(Images.POSTGRES_ENV, Images.POSTGRES_DEFAULT);
        String driftImage = project + ":test";
        for (String file : List.of(ComposeFile.FILE_NAME, ComposeFile.CONFIG_FILE_NAME, "init-secrets.sh")) {
            Files.copy(Path.of("..", "compose", file), dir.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Commands.run(dir.resolve("init-secrets.sh").toString());
        int port = freePort();
        List<String> compose = List.of("env", "-u", ComposeFile.BACKEND_ENV,
                ComposeFile.DRIFT_IMAGE_ENV + "=" + driftImage, Images.POSTGRES_ENV + "=" + postgresImage,
                ComposeFile.PORT_ENV + "=" + port, "docker-compose", "-p", project, "-f",
                dir.resolve(ComposeFile.FILE_NAME).toString());

        CliRun build = CliRun.of("-q", "build", "drift", "--tag", driftImage, "--jre-image", jreImage);
        assertThat(build.exitCode()).as(build.toString()).isZero();
        try {
            run(compose, "up", "-d");
            URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
            awaitHealthy(compose, readyz);

            String ports = run(compose, "port", Layout.REGISTRY, String.valueOf(Layout.REGISTRY_PORT));
            assertThat(ports.strip()).isEqualTo("127.0.0.1:" + port);
            String config = Commands.run("docker", "inspect", "--format",
                    "{{range .Config.Env}}{{println .}}{{end}}", project + "_registry_1");
            assertThat(config).contains("DRIFT_DATABASE_BACKEND=postgres")
                    .doesNotContain(Files.readString(dir.resolve("secrets/postgres_password")).strip());
            String log = run(compose, "logs", "--no-color", Layout.REGISTRY);
            assertThat(log).contains("GET /readyz 200");
        } finally {
            Commands.tryRun(COMMAND_TIMEOUT, withArgs(compose, "down", "-v", "--remove-orphans"));
            Commands.tryRun(COMMAND_TIMEOUT, "docker", "rmi", "-f", driftImage);
        }
    }

    /** Polls until /readyz answers 200 and compose shows registry and postgres healthy. */
    private void awaitHealthy(List<String> compose, URI readyz) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(HEALTHY_TIMEOUT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = run(compose, "ps");
            if (ready(client, readyz) && last.lines().filter(line -> line.contains("(healthy)")).count() == 2) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("compose did not report registry and postgres healthy within " + HEALTHY_TIMEOUT
                + "\n" + last + "\n" + run(compose, "logs", "--no-color", "--tail", "40"));
    }

    private static boolean ready(HttpClient client, URI readyz) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(5)).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String run(List<String> compose, String... args) {
        Commands.Result result = Commands.tryRun(COMMAND_TIMEOUT, withArgs(compose, args));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        return result.stdout();
    }

    private static String[] withArgs(List<String> command, String... args) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    private static String imageFromEnvironment(String variable, String fallback) {
        String image = System.getenv(variable);
        image = image == null || image.isBlank() ? fallback : image;
        Commands.Result inspect = Commands.tryRun(Duration.ofSeconds(30), "docker", "image", "inspect", image);
        if (!inspect.succeeded()) {
            RealTools.unavailable("image " + image + " is not on this Docker engine and tests pull nothing: build "
                    + "local substitutes with scripts/build-base-images.sh and set " + variable);
        }
        return image;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
