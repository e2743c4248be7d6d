package dev.drift.ops.registry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.testkit.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store bench on PostgreSQL: the reads run on planner statistics, as on a server autovacuum has visited. */
class StoreBenchPostgresIT {

    @Test
    void analyzesTheStoreTablesBeforeTheReads(@TempDir Path dir) throws Exception {
        PostgresServer server = PostgresServer.shared();
        String url = server.createDatabase();
        Path config = dir.resolve("drift.toml");
        Files.writeString(config, "[database]\nbackend = \"postgres\"\npostgres_url = \"" + url + "\"\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = StoreBenchMain.run(new String[] {"--warm-up", "0", "--duration", "0", "postgres=" + config},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(StoreBenchMain.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(StoreBench.OPERATIONS.size());
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(PostgresServer.PASSWORD);
        String database = URI.create(url).getPath().substring(1);
        try (Connection admin = server.admin(database);
             Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'tags'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean(1)).as("tags analyzed").isTrue();
        }
    }
}
