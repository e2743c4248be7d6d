package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.testkit.Commands;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --target docker --storage s3 --replicas N} against the real engine: three registry containers on one
 * PostgreSQL and one SeaweedFS bucket, a chunked push that goes through all three while one of them is killed, scaling
 * down and up again, and the requests the deployment model refuses before anything is created.
 */
class DockerReplicasIT {

    @TempDir
    Path temp;

    @RegisterExtension
    final DockerInstances instances = new DockerInstances("it-rep-");

    @Test
    void aChunkedPushGoesThroughEveryReplicaAndSurvivesTheKillOfOne() throws Exception {
        String instance = instances.create();
        Path dataDir = temp.resolve("data");
        int port = LocalSqliteIT.freePort();
        List<String> urls = IntStream.range(0, 3).mapToObj(i -> "http://127.0.0.1:" + (port + i)).toList();
        CliRun up = up(instance, dataDir, port, "--backend", "postgres", "--storage", "s3", "--replicas", "3");

        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).contains("Drift is ready at " + String.join(",", urls));
        assertThat(up.err()).contains("container drift-" + instance + "-seaweedfs: created",
                "container drift-" + instance + "-registry: created", "container drift-" + instance + "-registry-3: created")
                .as("a stateless registry has no volume").doesNotContain("volume drift-" + instance + "-data");

        List<RegistryClient> replicas = new ArrayList<>();
        for (String url : urls) {
            replicas.add(RegistryClient.forDataDir(url, dataDir));
        }
        byte[] content = new byte[3 << 20];
        ThreadLocalRandom.current().nextBytes(content);
        int half = content.length / 2;
        String location = replicas.get(0).startUpload("it/replicas");
        location = replicas.get(1).patchChunk(location, java.util.Arrays.copyOfRange(content, 0, half), 0);
        // The chunk replica 2 acknowledged is in the bucket: killing it loses nothing of the upload.
        Commands.run("docker", "kill", "--signal", "KILL", "drift-" + instance + "-registry-2");
        location = replicas.get(2).patchChunk(location, java.util.Arrays.copyOfRange(content, half, content.length), half);
        String digest = replicas.get(0).finishUpload(location, content);

        for (int replica : new int[] {0, 2}) {
            HttpResponse<byte[]> pulled = replicas.get(replica).getBlob("it/replicas", digest);
            assertThat(pulled.statusCode()).as("replica %d", replica + 1).isEqualTo(200);
            assertThat(pulled.body()).as("replica %d", replica + 1).isEqualTo(content);
        }
        CliRun status = CliRun.of("status", "--data-dir", dataDir.toString());
        assertThat(status.out()).containsPattern("registry-2 +[0-9a-f]{12} +exited +" + urls.get(1))
                .containsPattern("registry-3 +[0-9a-f]{12} +ready +" + urls.get(2));

        CliRun again = up(instance, dataDir, port, "--backend", "postgres", "--storage", "s3", "--replicas", "3");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("container drift-" + instance + "-registry-2: started")
                .contains("container drift-" + instance + "-registry: up to date");
        assertThat(replicas.get(1).getBlob("it/replicas", digest).body()).as("the restarted replica").isEqualTo(content);

        CliRun fewer = up(instance, dataDir, port, "--backend", "postgres", "--storage", "s3", "--replicas", "2");
        assertThat(fewer.exitCode()).as(fewer.toString()).isZero();
        assertThat(fewer.err()).contains("container drift-" + instance + "-registry-3: removed");
        assertThat(fewer.out()).contains("Drift is ready at " + urls.get(0) + "," + urls.get(1) + " ");
        assertThat(replicas.get(1).getBlob("it/replicas", digest).body()).isEqualTo(content);

        CliRun down = CliRun.of("down", "--purge", "--data-dir", dataDir.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(Commands.run("docker", "ps", "-a", "--filter", "label=dev.drift.ops.instance=" + instance, "-q"))
                .isBlank();
        assertThat(Commands.run("docker", "volume", "ls", "--filter", "label=dev.drift.ops.instance=" + instance, "-q"))
                .isBlank();
    }

    @Test
    void severalReplicasWithoutABucketOrPostgresAreRefusedBeforeAnythingIsCreated() throws Exception {
        String instance = instances.create();
        Path dataDir = temp.resolve("refused");
        int port = LocalSqliteIT.freePort();

        CliRun fs = up(instance, dataDir, port, "--backend", "postgres", "--replicas", "2");
        assertThat(fs.exitCode()).as(fs.toString()).isEqualTo(2);
        assertThat(fs.err()).contains("replicas 2 with storage fs", "storage s3");
        CliRun sqlite = up(instance, dataDir, port, "--storage", "s3", "--replicas", "2");
        assertThat(sqlite.exitCode()).as(sqlite.toString()).isEqualTo(2);
        assertThat(sqlite.err()).contains("the sqlite backend", "postgres backend");
        CliRun local = CliRun.of("up", "-d", "--storage", "s3", "--data-dir", temp.resolve("local").toString());
        assertThat(local.exitCode()).as(local.toString()).isEqualTo(2);
        assertThat(local.err()).contains("belong to --target docker");
        assertThat(Commands.run("docker", "ps", "-a", "--filter", "label=dev.drift.ops.instance=" + instance, "-q"))
                .as("nothing created").isBlank();
    }

    private static CliRun up(String instance, Path dataDir, int port, String... more) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--target", "docker", "--name", instance,
                "--drift-image", DockerImagesForTests.drift(), "--postgres-image", DockerImagesForTests.postgres(),
                "--seaweedfs-image", DockerImagesForTests.seaweedFs(), "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port)));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

}
