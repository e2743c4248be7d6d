package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.testkit.Commands;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --target docker} against the real engine: the life cycle of an instance on SQLite and
 * on PostgreSQL, the second up that changes nothing, a stopped container started again as it is,
 * a changed setting that recreates only the registry, down that keeps the data, down --purge that leaves nothing, and the errors that must
 * come before anything is created.
 */
class DockerUpIT {

    @TempDir
    Path temp;

    @RegisterExtension
    final DockerInstances instances = new DockerInstances("it");

    @Test
    void sqliteUpTwiceChangesNothingDownKeepsTheDataPurgeLeavesNothing() throws Exception {
        String image = DockerImagesForTests.drift();
        String instance = instances.create();
        Path dataDir = temp.resolve("data");
        int port = LocalSqliteIT.freePort();
        String url = "http://127.0.0.1:" + port;
        String registry = "drift-" + instance + "-registry";
        String[] up = {"up", "-d", "--target", "docker", "--name", instance, "--drift-image", image,
                "--data-dir", dataDir.toString(), "--port", Integer.toString(port)};

        CliRun first = CliRun.of(up);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("network drift-" + instance + ": created",
                "volume drift-" + instance + "-data: created", "container " + registry + ": created");
        assertThat(first.out()).contains("Drift is ready at " + url);
        byte[] content = "a layer that must survive down and up".getBytes(StandardCharsets.UTF_8);
        String digest = RegistryClient.forDataDir(url, dataDir).pushBlob("it/docker", content);
        RegistryClient.forDataDir(url, dataDir).assertRunsWithTheModelsHeapLimit();
        String startedBefore = idAndStartedAt(registry);

        CliRun second = CliRun.of(up);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).contains("network drift-" + instance + ": up to date",
                "volume drift-" + instance + "-data: up to date", "container " + registry + ": up to date")
                .doesNotContain(": created", ": recreated", ": started", ": removed");
        assertThat(idAndStartedAt(registry)).as("same container, not restarted").isEqualTo(startedBefore);

        Commands.run("docker", "stop", registry);
        CliRun restart = CliRun.of(up);
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.err()).contains("container " + registry + ": started").doesNotContain(": recreated");
        assertThat(idAndStartedAt(registry)).startsWith(startedBefore.substring(0, startedBefore.indexOf(' ')))
                .isNotEqualTo(startedBefore);

        CliRun status = CliRun.of("status", "--data-dir", dataDir.toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("registry +[0-9a-f]{12} +ready +" + url);
        CliRun logs = CliRun.of("logs", "--data-dir", dataDir.toString(), "-n", "500");
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        assertThat(logs.out()).contains("/v2/it/docker/blobs/");

        String password = credentials(dataDir).getProperty("password");
        assertThat(Commands.run("docker", "inspect", registry)).doesNotContain(password);
        assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(password);

        CliRun down = CliRun.of("down", "--data-dir", dataDir.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(containers(instance)).isEmpty();
        assertThat(volumes(instance)).contains("drift-" + instance + "-data");

        CliRun again = CliRun.of(up);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("volume drift-" + instance + "-data: up to date", "container " + registry + ": created");
        HttpResponse<byte[]> blob = RegistryClient.forDataDir(url, dataDir).getBlob("it/docker", digest);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(content);

        CliRun purge = CliRun.of("down", "--purge", "--data-dir", dataDir.toString());
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertNothingLeft(instance);
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void postgresAChangedSettingRecreatesOnlyTheRegistryAndNoSecretIsVisible() throws Exception {
        String image = DockerImagesForTests.drift();
        String postgresImage = DockerImagesForTests.postgres();
        String instance = instances.create();
        Path dataDir = temp.resolve("data");
        String registry = "drift-" + instance + "-registry";
        String postgres = "drift-" + instance + "-postgres";
        int port = LocalSqliteIT.freePort();

        CliRun first = up(instance, image, postgresImage, dataDir, port);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("container " + postgres + ": created", "container " + registry + ": created");
        String url = "http://127.0.0.1:" + port;
        byte[] content = "metadata in PostgreSQL".getBytes(StandardCharsets.UTF_8);
        String digest = RegistryClient.forDataDir(url, dataDir).pushBlob("it/postgres", content);
        String postgresBefore = idAndStartedAt(postgres);
        String registryBefore = idAndStartedAt(registry);

        CliRun second = up(instance, image, postgresImage, dataDir, port);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).contains("container " + postgres + ": up to date", "container " + registry + ": up to date")
                .doesNotContain(": created", ": recreated", ": started");
        assertThat(idAndStartedAt(postgres)).isEqualTo(postgresBefore);
        assertThat(idAndStartedAt(registry)).isEqualTo(registryBefore);

        int newPort = LocalSqliteIT.freePort();
        CliRun moved = up(instance, image, postgresImage, dataDir, newPort);
        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.err()).contains("container " + postgres + ": up to date", "container " + registry + ": recreated");
        assertThat(idAndStartedAt(postgres)).as("PostgreSQL untouched").isEqualTo(postgresBefore);
        assertThat(idAndStartedAt(registry)).isNotEqualTo(registryBefore);
        HttpResponse<byte[]> blob = RegistryClient.forDataDir("http://127.0.0.1:" + newPort, dataDir)
                .getBlob("it/postgres", digest);
        assertThat(blob.statusCode()).isEqualTo(200);

        String databasePassword = Files.readString(dataDir.resolve("secrets/postgres_password")).strip();
        String loginPassword = credentials(dataDir).getProperty("password");
        String inspect = Commands.run("docker", "inspect", registry, postgres);
        assertThat(inspect).contains("DRIFT_DATABASE_POSTGRES_URL_FILE=/run/secrets/postgres_url",
                "POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password")
                .doesNotContain(databasePassword, loginPassword);
        assertThat(Files.readString(dataDir.resolve("drift.toml"))).doesNotContain(databasePassword);
        for (CliRun run : List.of(first, second, moved)) {
            assertThat(run.out() + run.err()).doesNotContain(databasePassword, loginPassword);
        }
        // Inside, only the reading user may open the file.
        assertThat(Commands.run("docker", "exec", registry, "stat", "-c", "%a %u", "/run/secrets/postgres_url"))
                .isEqualTo("400 10001");

        // Without the data directory: the instance is found by its labels.
        CliRun status = CliRun.of("status", "--target", "docker", "--name", instance);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("postgres +[0-9a-f]{12} +healthy +" + postgres);
        CliRun purge = CliRun.of("down", "--purge", "--target", "docker", "--name", instance);
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertNothingLeft(instance);
    }

    @Test
    void aPortInUseAndAMissingImageAreRefusedBeforeAnythingIsCreated() throws Exception {
        String image = DockerImagesForTests.drift();
        String instance = instances.create();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun up = CliRun.of("up", "-d", "--target", "docker", "--name", instance, "--drift-image", image,
                    "--data-dir", temp.resolve("a").toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertThat(up.exitCode()).as(up.toString()).isEqualTo(ExitCodes.PROVISIONING);
            assertThat(up.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
        CliRun noDrift = CliRun.of("up", "-d", "--target", "docker", "--name", instance,
                "--drift-image", "drift-ops-it/no-such-image:none", "--data-dir", temp.resolve("b").toString(),
                "--port", Integer.toString(LocalSqliteIT.freePort()));
        assertThat(noDrift.exitCode()).as(noDrift.toString()).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(noDrift.err()).contains("image drift-ops-it/no-such-image:none not found", "drift-ops build drift");
        CliRun noZqlite = CliRun.of("up", "-d", "--target", "docker", "--name", instance, "--backend", "zqlite",
                "--drift-image", image, "--zqlite-image", "drift-ops-it/no-zqlite:none",
                "--data-dir", temp.resolve("c").toString(), "--port", Integer.toString(LocalSqliteIT.freePort()));
        assertThat(noZqlite.exitCode()).as(noZqlite.toString()).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(noZqlite.err()).contains("drift-ops build zqlite --source");
        assertNothingLeft(instance);
    }

    @Test
    void aRegistryThatExitsIsReportedWithItsLastLogLinesAndRemoved() throws Exception {
        DockerImagesForTests.drift();
        // PostgreSQL's image as "Drift": its entrypoint hands --config to postgres, which refuses it and exits.
        String notDrift = DockerImagesForTests.postgres();
        String instance = instances.create();
        CliRun up = CliRun.of("up", "-d", "--target", "docker", "--name", instance, "--drift-image", notDrift,
                "--data-dir", temp.resolve("data").toString(), "--port", Integer.toString(LocalSqliteIT.freePort()),
                "--wait", "60");
        assertThat(up.exitCode()).as(up.toString()).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(up.err()).containsPattern("--- last lines of drift-" + instance + "-registry ---\\n.*\\S.*\\n")
                .contains("drift-" + instance + "-registry exited before it became ready");
        assertNothingLeft(instance);
    }

    private CliRun up(String instance, String image, String postgresImage, Path dataDir, int port) {
        return CliRun.of("up", "-d", "--target", "docker", "--backend", "postgres", "--name", instance,
                "--drift-image", image, "--postgres-image", postgresImage, "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port));
    }


    private static String idAndStartedAt(String container) {
        return Commands.run("docker", "inspect", "--format", "{{.Id}} {{.State.StartedAt}}", container);
    }

    private static List<String> containers(String instance) {
        return lines("docker", "ps", "-a", "--filter", label(instance), "--format", "{{.Names}}");
    }

    private static List<String> volumes(String instance) {
        return lines("docker", "volume", "ls", "--filter", label(instance), "--format", "{{.Name}}");
    }

    private static List<String> networks(String instance) {
        return lines("docker", "network", "ls", "--filter", label(instance), "--format", "{{.Name}}");
    }

    private static String label(String instance) {
        return "label=dev.drift.ops.instance=" + instance;
    }

    private static List<String> lines(String... command) {
        String output = Commands.run(command);
        return output.isEmpty() ? List.of() : output.lines().toList();
    }

    private static void assertNothingLeft(String instance) {
        assertThat(containers(instance)).as("containers").isEmpty();
        assertThat(volumes(instance)).as("volumes").isEmpty();
        assertThat(networks(instance)).as("networks").isEmpty();
    }

    private static Properties credentials(Path dataDir) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("credentials"))) {
            properties.load(in);
        }
        return properties;
    }
}
