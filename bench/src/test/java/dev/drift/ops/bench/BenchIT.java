package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.testkit.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A very short real bench: Drift (the packaged jar) on SQLite and Debian's docker-registry, 1 MB
 * blobs only, one second per figure. It proves the bench runs end to end and reports every row;
 * it asserts nothing about speed.
 */
class BenchIT {

    private static final Path DOCKER_REGISTRY = Path.of("/usr/bin/docker-registry");
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path dir;

    @Test
    void shortSqliteBenchReportsEveryRowWithPositiveNumbers() throws Exception {
        RealTools.requireExecutable(DOCKER_REGISTRY, "apt-get install docker-registry");
        Path json = dir.resolve("bench.json");
        Path png = dir.resolve("bench.png");

        RealTools.requireExecutable(NGINX, "apt-get install nginx-light");
        int exit = new CommandLine(new BenchCommand()).execute("--backend", "sqlite", "--duration", "1", "--warm-up", "1",
                "--sizes-mb", "1", "--concurrency", "1,8", "--out", json.toString(), "--plot", png.toString(),
                "--docker-registry", DOCKER_REGISTRY.toString(), "--nginx", NGINX.toString());

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode row : result.get("http")) {
            assertThat(row.get("backend").asText()).isEqualTo("sqlite");
            assertThat(row.get("drift").asDouble()).as(row.get("name").asText()).isPositive();
            assertThat(row.get("peer").asDouble()).as(row.get("name").asText()).isPositive();
            assertThat(row.get("ratio").asDouble()).as(row.get("name").asText()).isPositive();
            if (row.get("name").asText().startsWith("push") || row.get("name").asText().startsWith("pull")) {
                assertThat(row.get("limit").asDouble()).as("limit of " + row.get("name").asText()).isPositive();
                assertThat(row.get("ofLimit").asDouble()).as("fraction of " + row.get("name").asText()).isPositive();
            } else {
                assertThat(row.get("ofLimit").isNull()).as(row.get("name").asText()).isTrue();
            }
            names.add(row.get("name").asText());
        }
        assertThat(names).containsExactly("push 1 MB x1", "pull 1 MB x1", "push 1 MB x8", "pull 1 MB x8",
                "manifest PUT x1", "manifest PUT x1 p50", "manifest PUT x1 p99",
                "manifest GET x1", "manifest GET x1 p50", "manifest GET x1 p99",
                "manifest PUT x8", "manifest PUT x8 p50", "manifest PUT x8 p99",
                "manifest GET x8", "manifest GET x8 p50", "manifest GET x8 p99", "RSS peak", "RSS after run");
        List<String> operations = new ArrayList<>();
        for (JsonNode row : result.get("store")) {
            assertThat(row.at("/opsPerSecond/sqlite").asDouble()).as(row.get("operation").asText()).isPositive();
            operations.add(row.get("operation").asText());
        }
        assertThat(operations).containsExactly("putManifest+tag x1", "putManifest+tag x8", "linkBlob x1", "linkBlob x8",
                "findManifestByTag x1", "findManifestByTag x8", "linkedBlobSize x1", "linkedBlobSize x8",
                "listTags(100) x1", "listTags(100) x8");
        assertThat(result.at("/machine/cores").asInt()).isPositive();
        assertThat(result.at("/peerVersion").asText()).startsWith("docker-registry 2.");
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    /** --storage all: each backend once on a directory and once on a SeaweedFS bucket, the s3 rows labelled so. */
    @Test
    void theS3RowsStandBesideTheFilesystemRows() throws Exception {
        RealTools.requireExecutable(DOCKER_REGISTRY, "apt-get install docker-registry");
        Path json = dir.resolve("bench.json");

        int exit = new CommandLine(new BenchCommand()).execute("--backend", "sqlite", "--storage", "all",
                "--duration", "1", "--warm-up", "0", "--sizes-mb", "1", "--concurrency", "1", "--out", json.toString(),
                "--docker-registry", DOCKER_REGISTRY.toString(), "--no-limit");

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        List<String> labelled = new ArrayList<>();
        for (JsonNode row : result.get("http")) {
            assertThat(row.get("drift").asDouble()).as(row.get("backend").asText() + " " + row.get("name").asText())
                    .isPositive();
            labelled.add(row.get("backend").asText() + " " + row.get("name").asText());
        }
        assertThat(labelled).contains("sqlite push 1 MB x1", "sqlite pull 1 MB x1", "sqlite+s3 push 1 MB x1",
                "sqlite+s3 pull 1 MB x1", "sqlite+s3 RSS peak");
        assertThat(result.at("/settings/storages").toString()).isEqualTo("[\"fs\",\"s3\"]");
    }

    /**
     * The default peer: the pinned CNCF Distribution, which scripts/go-tools.sh builds once and caches; here with basic
     * auth on both registries (the peer's htpasswd).
     */
    @Test
    void theDefaultPeerIsThePinnedDistributionAndTheJsonNamesItsVersion() throws Exception {
        Path json = dir.resolve("bench.json");

        int exit = new CommandLine(new BenchCommand()).execute("--backend", "sqlite", "--duration", "1", "--warm-up", "0",
                "--sizes-mb", "1", "--concurrency", "1", "--out", json.toString(), "--no-limit", "--auth", "basic");

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.at("/peerVersion").asText()).isEqualTo("distribution " + pinnedDistributionVersion());
        // The bench checked that both refused GET /v2/ without the login and took it with the login.
        assertThat(result.at("/settings/auth").asText()).isEqualTo("basic");
        for (JsonNode row : result.get("http")) {
            assertThat(row.get("peer").asDouble()).as(row.get("name").asText()).isPositive();
        }
    }

    private static String pinnedDistributionVersion() throws Exception {
        Path versions = Path.of(System.getProperty(BenchCommand.HOME_PROPERTY), "scripts", "versions.env");
        return Files.readAllLines(versions).stream().filter(line -> line.startsWith("DISTRIBUTION_VERSION="))
                .map(line -> line.substring(line.indexOf('=') + 1)).findFirst().orElseThrow();
    }
}
