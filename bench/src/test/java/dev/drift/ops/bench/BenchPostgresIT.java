package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.StoreResult;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's PostgreSQL server (the machine's binaries) with the store bench in the registry jar's child JVM on it:
 * the postgres half of drift-ops bench without the HTTP workload.
 */
class BenchPostgresIT {

    private static final Path REGISTRY_JAR = Path.of(System.getProperty("drift.registry.jar",
            "../registry/target/drift-registry.jar"));

    @TempDir
    Path dir;

    @Test
    void theStoreBenchMeasuresEveryOperationOnTheBenchsServerWhichStopsOnClose() throws Exception {
        BenchSettings settings = new BenchSettings(List.of(Backend.POSTGRES), Duration.ofSeconds(1), Duration.ZERO,
                List.of(1_000_000L), List.of(1), REGISTRY_JAR, Peer.dockerRegistry(Path.of("/usr/bin/docker-registry")));
        // As root the server runs as the postgres user, who must pass through JUnit's directory as through /tmp.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path work = dir.resolve("work");
        URI url;
        List<StoreResult> results;
        try (BenchPostgres postgres = BenchPostgres.start(work.resolve("postgres"))) {
            String database = postgres.createDatabase("store_bench");
            url = URI.create(database);
            Path config = Servers.storeConfig(work.resolve("store"), Servers.postgresDatabase(database));

            results = StoreBenchProcess.run(settings, Map.of(Backend.POSTGRES, config), line -> { });

            assertThatThrownBy(() -> postgres.createDatabase("store_bench"))
                    .isInstanceOf(BenchException.class).hasMessageContaining("createdb failed")
                    .hasMessageNotContaining(url.getUserInfo().split(":")[1]);
        }
        assertThat(results).extracting(StoreResult::operation).containsExactly(
                "putManifest+tag x1", "linkBlob x1", "findManifestByTag x1", "linkedBlobSize x1", "listTags(100) x1");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.backend()).isEqualTo("postgres");
            assertThat(result.measurement().operations()).isPositive();
        });
        assertThat(listening(url.getPort())).as("server stopped on close").isFalse();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
