package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.benchkit.Measurement;
import dev.drift.ops.benchkit.StoreResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultTest {

    @TempDir
    Path dir;

    @Test
    void jsonHoldsMachineSettingsStoreAndEveryComparisonWithItsRawNumbers() throws Exception {
        Path file = dir.resolve("out/bench.json");

        result().writeJson(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.at("/machine/cores").asInt()).isPositive();
        assertThat(json.at("/machine/jdk").asText()).isNotBlank();
        assertThat(json.at("/machine/date").asText()).isNotBlank();
        assertThat(json.at("/settings/backends").toString()).isEqualTo("[\"sqlite\",\"postgres\"]");
        assertThat(json.at("/peerVersion").asText()).isEqualTo("docker-registry 2.8.2");

        JsonNode http = json.get("http");
        assertThat(http).hasSize(4);
        JsonNode push = http.get(0);
        assertThat(push.get("backend").asText()).isEqualTo("sqlite");
        assertThat(push.get("name").asText()).isEqualTo("push 1 MB x1");
        assertThat(push.get("drift").asDouble()).isEqualTo(40.0);
        assertThat(push.get("peer").asDouble()).isEqualTo(80.0);
        assertThat(push.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(push.get("driftOperations").asLong()).isEqualTo(40);
        JsonNode memory = http.get(1);
        assertThat(memory.get("name").asText()).isEqualTo("RSS peak");
        assertThat(memory.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(memory.get("ratioMeaning").asText()).contains("inverted");

        JsonNode store = json.get("store").get(0);
        assertThat(store.get("operation").asText()).isEqualTo("linkBlob");
        assertThat(store.at("/opsPerSecond/sqlite").asDouble()).isEqualTo(1000.0);
        assertThat(store.at("/opsPerSecond/postgres").asDouble()).isEqualTo(500.0);
        assertThat(store.get("postgresOverSqlite").asDouble()).isEqualTo(0.5);
    }

    @Test
    void tableShowsEveryRowWithItsRatio() {
        String table = ResultTable.render(result());

        assertThat(table).contains("push 1 MB x1", "0.50x", "RSS peak", "(inv)", "linkBlob", "1000", "500");
        assertThat(table.lines().filter(line -> line.startsWith("sqlite ") || line.startsWith("postgres "))).hasSize(4);
    }

    @Test
    void pushAndPullRowsCarryTheMachinesLimitAndDriftsFractionOfIt() {
        BenchResult result = result();

        Comparison sqlitePush = result.http().stream()
                .filter(row -> row.backend().equals("sqlite") && row.name().equals("push 1 MB x1")).findFirst().orElseThrow();
        assertThat(sqlitePush.limit()).isEqualTo(200.0);
        assertThat(sqlitePush.ofLimit()).isEqualTo(0.2);
        assertThat(result.http().stream().filter(row -> row.name().equals("RSS peak")))
                .allSatisfy(row -> assertThat(row.ofLimit()).isNull());
        assertThat(ResultTable.render(result)).contains("Drift of limit", "20%", "80%");
    }

    @Test
    void chartIsAPngWithARowPerComparison() throws Exception {
        Path png = dir.resolve("chart.png");

        RatioChart.write(result(), png);

        var image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(500);
        assertThat(image.getHeight()).isGreaterThan(4 * 20);
    }

    private static BenchResult result() {
        BenchSettings settings = new BenchSettings(List.of(Backend.SQLITE, Backend.POSTGRES), Duration.ofSeconds(1),
                Duration.ofSeconds(1), List.of(1_000_000L), List.of(1), Path.of("drift.jar"), Peer.dockerRegistry(Path.of("docker-registry")));
        List<StoreResult> store = List.of(
                new StoreResult("sqlite", "write", "linkBlob", new Measurement(1000, 0, 1_000_000_000L)),
                new StoreResult("postgres", "write", "linkBlob", new Measurement(500, 0, 1_000_000_000L)));
        List<Figure> peer = List.of(
                Figure.throughput("blobs", "push 1 MB x1", new Measurement(80, 80_000_000, 1_000_000_000L)),
                Figure.memory("RSS peak", 100));
        Map<String, List<Figure>> drift = new LinkedHashMap<>();
        drift.put("sqlite", List.of(
                Figure.throughput("blobs", "push 1 MB x1", new Measurement(40, 40_000_000, 1_000_000_000L)),
                Figure.memory("RSS peak", 200)));
        drift.put("postgres", List.of(
                Figure.throughput("blobs", "push 1 MB x1", new Measurement(160, 160_000_000, 1_000_000_000L)),
                Figure.memory("RSS peak", 50)));
        List<Figure> limit = List.of(Figure.throughput("blobs", "push 1 MB x1", new Measurement(200, 200_000_000, 1_000_000_000L)));
        return BenchResult.assemble(MachineInfo.now(), settings, "docker-registry 2.8.2", store, peer, drift, limit);
    }
}
