package dev.drift.ops.registry.store.zqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.registry.DriftServer;
import dev.drift.ops.registry.blob.FsBlobStore;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import dev.drift.ops.registry.store.zqlite.BrokenServerDoubles.Double;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /readyz of a ZQLite-configured server whose store has lost its database names what a probe of the ZQLite URL
 * finds. The store here is a closed SQLite store (as unavailable as a store gets); the URL points at a broken
 * server double.
 */
class ZqliteReadinessIT {

    @TempDir
    Path dir;

    @Test
    void notReadyNamesWhatTheProbeFound() throws Exception {
        try (Double http500 = BrokenServerDoubles.answeringHttp500()) {
            DriftConfig config = DriftConfig.parse("""
                    [server]
                    bind_addr = "127.0.0.1:0"
                    [storage]
                    backend = "fs"
                    path = "%s"
                    [database]
                    backend = "zqlite"
                    zqlite_url = "%s"
                    """.formatted(dir.resolve("blobs"), http500.url()), "test drift.toml", Map.of());
            SqlMetadataStore lost = SqlMetadataStore.openSqlite(dir.resolve("drift.db"));
            lost.close();

            try (DriftServer server = DriftServer.start(config, lost, new FsBlobStore(config.storage().path()))) {
                HttpResponse<String> ready = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(server.uri().resolve("/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).startsWith("Not Ready: metadata database: ")
                        .contains("ZQLite probe of " + http500.url())
                        .contains("tcp connect passed")
                        .contains("http /health FAILED (HTTP 500, body \"database down\")")
                        .contains("pg startup FAILED");
            }
        }
    }
}
