package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life cycle an operator goes through on SQLite, with the real registry jar as a child
 * process: up --detach, status, a blob pushed over HTTP, down, up again on the same data, down --purge.
 */
class LocalSqliteIT {

    @TempDir
    Path temp;

    private Path dataDir;

    @AfterEach
    void stopWhateverIsLeft() {
        if (dataDir != null && Files.exists(dataDir.resolve("drift-ops.state"))) {
            CliRun.of("down", "--data-dir", dataDir.toString());
        }
    }

    @Test
    void upStatusDownUpFindsTheSameDataThenPurge() throws Exception {
        dataDir = temp.resolve("drift data");
        int port = freePort();
        String url = "http://127.0.0.1:" + port;

        CliRun up = CliRun.of("up", "--detach", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).contains("Drift is ready at " + url, dataDir.resolve("credentials").toString());
        assertOwnerOnly(dataDir.resolve("drift.toml"));
        assertOwnerOnly(dataDir.resolve("credentials"));
        String password = credentials().getProperty("password");
        assertThat(Files.readString(dataDir.resolve("drift.toml"))).contains("mode = \"basic\"", "drift:$2a$")
                .doesNotContain(password);
        assertThat(up.out() + up.err()).doesNotContain(password);

        CliRun status = CliRun.of("status", "--data-dir", dataDir.toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("registry +pid \\d+ +ready +" + url);

        byte[] content = "a layer that must survive down and up".getBytes(StandardCharsets.UTF_8);
        String digest = RegistryClient.forDataDir(url, dataDir).pushBlob("it/lifecycle", content);
        RegistryClient.forDataDir(url, dataDir).assertRunsWithTheModelsHeapLimit();

        CliRun down = CliRun.of("down", "--data-dir", dataDir.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.out()).contains("data kept");
        assertThat(CliRun.of("status", "--data-dir", dataDir.toString()).exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);

        CliRun again = CliRun.of("up", "--detach", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(credentials().getProperty("password")).as("the login survives too").isEqualTo(password);
        HttpResponse<byte[]> blob = RegistryClient.forDataDir(url, dataDir).getBlob("it/lifecycle", digest);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(content);

        // Drift writes an access log line once the response is complete, which the client can see first.
        String line = "/v2/it/lifecycle/blobs/" + digest;
        CliRun logs = CliRun.of("logs", "--data-dir", dataDir.toString(), "-n", "200");
        for (int attempt = 1; attempt < 20 && logs.exitCode() == 0 && !logs.out().contains(line); attempt++) {
            Thread.sleep(250);
            logs = CliRun.of("logs", "--data-dir", dataDir.toString(), "-n", "200");
        }
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.out()).contains(line);

        CliRun purge = CliRun.of("down", "--purge", "--data-dir", dataDir.toString());
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aSecondUpOnARunningInstanceIsRefused() throws Exception {
        dataDir = temp.resolve("data");
        int port = freePort();
        assertThat(CliRun.of("up", "-d", "--data-dir", dataDir.toString(), "--port", Integer.toString(port)).exitCode())
                .isZero();
        CliRun second = CliRun.of("up", "-d", "--data-dir", dataDir.toString(), "--port", Integer.toString(freePort()));
        assertThat(second.exitCode()).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(second.err()).contains("Drift already runs from " + dataDir, "drift-ops down");
    }

    @Test
    void aPortInUseIsNamedBeforeAnythingStarts() throws Exception {
        dataDir = temp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun up = CliRun.of("up", "-d", "--data-dir", dataDir.toString(),
                    "--port", Integer.toString(taken.getLocalPort()));
            assertThat(up.exitCode()).isEqualTo(ExitCodes.PROVISIONING);
            assertThat(up.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
        assertThat(dataDir.resolve("drift-ops.state")).doesNotExist();
    }

    private Properties credentials() throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("credentials"))) {
            properties.load(in);
        }
        return properties;
    }

    private static void assertOwnerOnly(Path file) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                .isEqualTo("rw-------");
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
