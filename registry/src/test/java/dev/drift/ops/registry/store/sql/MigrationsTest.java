package dev.drift.ops.registry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void everyScriptInTheMigrationFolderIsListedInOrder() throws IOException, URISyntaxException {
        Path folder = Path.of(Migrations.class.getClassLoader().getResource(Migrations.LOCATION).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> onDisk = files.map(file -> file.getFileName().toString()).sorted().toList();

            assertThat(Migrations.SCRIPTS).containsExactlyInAnyOrderElementsOf(onDisk);
        }
        assertThat(Migrations.latestVersion()).isEqualTo(Migrations.SCRIPTS.size());
    }

    @Test
    void aScriptSplitsIntoItsStatementsWithoutComments() {
        String script = """
                -- a table; with a semicolon in the comment
                CREATE TABLE a (
                    id INTEGER
                );

                  -- indented comment
                CREATE INDEX a_by_id ON a (id);
                INSERT INTO a (id) VALUES (1);""";

        assertThat(Migrations.statements(script)).containsExactly(
                "CREATE TABLE a (\n    id INTEGER\n)",
                "CREATE INDEX a_by_id ON a (id)",
                "INSERT INTO a (id) VALUES (1)");
    }
}
