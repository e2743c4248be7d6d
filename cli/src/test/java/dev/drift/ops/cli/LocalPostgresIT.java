package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.drift.ops.testkit.RealTools;

/**
 * {@code up --backend postgres} with the real PostgreSQL drift-ops starts from the machine's server
 * binaries. Without them the tests skip on a developer machine and fail in CI.
 */
class LocalPostgresIT {

    @TempDir
    Path temp;

    private Path dataDir;

    @BeforeEach
    void requirePostgresBinaries() throws Exception {
        boolean present = Files.isDirectory(Path.of("/usr/lib/postgresql")) || onPath("initdb");
        if (!present) {
            RealTools.unavailable("no PostgreSQL server binaries (apt-get install postgresql)");
        }
        dataDir = temp.resolve("data");
        // Run as root, drift-ops runs PostgreSQL as the postgres user, which must pass through here.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
    }

    @AfterEach
    void stopWhateverIsLeft() {
        if (Files.exists(dataDir.resolve("drift-ops.state"))) {
            CliRun.of("down", "--data-dir", dataDir.toString());
        }
    }

    @Test
    void upStatusDownUpOnTheSameDatabaseThenPurge() throws Exception {
        int port = LocalSqliteIT.freePort();
        String url = "http://127.0.0.1:" + port;
        CliRun up = CliRun.of("up", "-d", "--backend", "postgres", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out() + up.err()).doesNotContain(Files.readString(dataDir.resolve("postgres.password")).strip());

        CliRun status = CliRun.of("status", "--data-dir", dataDir.toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("postgres +pid \\d+ +running +127\\.0\\.0\\.1:\\d+")
                .containsPattern("registry +pid \\d+ +ready +" + url);
        long postgresPid = pid("postgres");

        byte[] content = "metadata in postgres".getBytes(StandardCharsets.UTF_8);
        String digest = RegistryClient.forDataDir(url, dataDir).pushBlob("it/postgres", content);

        assertThat(CliRun.of("down", "--data-dir", dataDir.toString()).exitCode()).isZero();
        assertThat(ProcessHandle.of(postgresPid).filter(ProcessHandle::isAlive)).as("PostgreSQL stopped").isEmpty();

        CliRun again = CliRun.of("up", "-d", "--backend", "postgres", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        HttpResponse<byte[]> blob = RegistryClient.forDataDir(url, dataDir).getBlob("it/postgres", digest);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(content);

        assertThat(CliRun.of("down", "--purge", "--data-dir", dataDir.toString()).exitCode()).isZero();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aRegistryThatFailsToStartTakesItsPostgresDownWithIt() throws Exception {
        Path notAJar = Files.writeString(temp.resolve("broken.jar"), "not a jar");
        String original = System.getProperty("drift.registry.jar");
        System.setProperty("drift.registry.jar", notAJar.toString());
        try {
            CliRun up = CliRun.of("up", "-d", "--backend", "postgres", "--data-dir", dataDir.toString(),
                    "--port", Integer.toString(LocalSqliteIT.freePort()));
            assertThat(up.exitCode()).as(up.toString()).isEqualTo(ExitCodes.PROVISIONING);
            assertThat(up.err()).contains("Drift exited before it became ready", "--- last lines of");
        } finally {
            System.setProperty("drift.registry.jar", original);
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).as("the cluster was made").exists();
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as("and stopped again").doesNotExist();
        assertThat(dataDir.resolve("drift-ops.state")).doesNotExist();
    }

    private long pid(String component) throws Exception {
        Properties state = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("drift-ops.state"))) {
            state.load(in);
        }
        return Long.parseLong(state.getProperty("component." + component + ".pid"));
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, program))) {
                return true;
            }
        }
        return false;
    }
}
