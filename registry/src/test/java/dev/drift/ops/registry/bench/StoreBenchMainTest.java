package dev.drift.ops.registry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.benchkit.StoreResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store bench as drift-ops bench runs it: backends named by drift.toml files, one JSON figure a line. */
class StoreBenchMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsEveryOperationOfEveryBackendInOrderAsJson() throws Exception {
        Path first = config("one");
        Path second = config("two");

        int exit = run("--warm-up", "0", "--duration", "0", "one=" + first, "two=" + second);

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(StoreBenchMain.OK);
        ObjectMapper json = new ObjectMapper();
        List<StoreResult> results = out.toString(StandardCharsets.UTF_8).lines()
                .map(line -> read(json, line)).toList();
        assertThat(results).extracting(StoreResult::backend, StoreResult::operation).containsExactly(
                tuple("one", "putManifest+tag"), tuple("two", "putManifest+tag"),
                tuple("one", "linkBlob"), tuple("two", "linkBlob"),
                tuple("one", "findManifestByTag"), tuple("two", "findManifestByTag"),
                tuple("one", "linkedBlobSize"), tuple("two", "linkedBlobSize"),
                tuple("one", "listTags(100)"), tuple("two", "listTags(100)"));
        assertThat(results).extracting(StoreResult::kind).containsExactly(
                "write", "write", "write", "write", "read", "read", "read", "read", "read", "read");
        assertThat(results).allSatisfy(result -> assertThat(result.measurement().operations()).isPositive());
        assertThat(Files.size(dir.resolve("one").resolve("drift.db"))).isPositive();
    }

    @Test
    void refusesAMissingDurationOrStore() {
        assertThat(run("--warm-up", "0", "one=" + dir.resolve("none.toml"))).isEqualTo(StoreBenchMain.USAGE);
        assertThat(run("--warm-up", "0", "--duration", "1")).isEqualTo(StoreBenchMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: StoreBenchMain");
    }

    @Test
    void aConfigThatCannotBeReadIsBadUsage() {
        assertThat(run("--warm-up", "0", "--duration", "0", "one=" + dir.resolve("missing.toml")))
                .isEqualTo(StoreBenchMain.USAGE);
    }

    private Path config(String name) throws Exception {
        Path config = dir.resolve(name + ".toml");
        Files.writeString(config, """
                [database]
                backend = "sqlite"
                sqlite_path = "%s"
                """.formatted(dir.resolve(name).resolve("drift.db")));
        return config;
    }

    private int run(String... args) {
        return StoreBenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static StoreResult read(ObjectMapper json, String line) {
        try {
            return json.readValue(line, StoreResult.class);
        } catch (Exception e) {
            throw new AssertionError("not a figure: " + line, e);
        }
    }
}
