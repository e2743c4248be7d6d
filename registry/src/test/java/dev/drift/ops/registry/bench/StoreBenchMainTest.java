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
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
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

        int exit = run("--warm-up", "0", "--duration", "0", "--callers", "1,3", "one=" + first, "two=" + second);

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(StoreBenchMain.OK);
        ObjectMapper json = new ObjectMapper();
        List<StoreResult> results = out.toString(StandardCharsets.UTF_8).lines()
                .map(line -> read(json, line)).toList();
        List<Tuple> expected = new ArrayList<>();
        for (String operation : StoreBench.OPERATIONS) {
            for (String callers : List.of("x1", "x3")) {
                for (String backend : List.of("one", "two")) {
                    expected.add(tuple(backend, operation + " " + callers,
                            StoreBench.OPERATIONS.indexOf(operation) < StoreBench.FIRST_READ ? "write" : "read"));
                }
            }
        }
        assertThat(results).extracting(StoreResult::backend, StoreResult::operation, StoreResult::kind)
                .containsExactlyElementsOf(expected);
        // A loop runs at least one operation per caller.
        assertThat(results).allSatisfy(result -> assertThat(result.measurement().operations())
                .isGreaterThanOrEqualTo(result.operation().endsWith("x3") ? 3 : 1));
        assertThat(Files.size(dir.resolve("one").resolve("drift.db"))).isPositive();
    }

    @Test
    void refusesCallersOutOfRange() {
        assertThat(run("--warm-up", "0", "--duration", "0", "--callers", "0", "one=" + dir.resolve("x.toml")))
                .isEqualTo(StoreBenchMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--callers needs numbers from 1 to 64");
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
