package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.registry.store.NewManifest;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's PostgreSQL server, beyond starting: refreshing statistics before the reads. */
class BenchPostgresIT {

    @Test
    void analyzeGivesTheStoreTablesPlannerStatistics(@TempDir Path dir) throws Exception {
        try (BenchPostgres postgres = BenchPostgres.start(dir.resolve("postgres"))) {
            URI url = URI.create(postgres.createDatabase("analyzed"));
            try (SqlMetadataStore store = SqlMetadataStore.openPostgres(url.toString())) {
                store.putManifest("app", new NewManifest(StoreBench.digest(1), "application/vnd.oci.image.manifest.v1+json",
                        512, null, null, null, List.of(), List.of()), "v1");
            }

            postgres.analyze("analyzed");

            String[] login = url.getUserInfo().split(":", 2);
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath(), login[0], login[1]);
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'tags'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).as("tags analyzed").isTrue();
            }
        }
    }
}
