package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drift-ops test} with the real e2e suite against real registries. */
class TestCommandIT {

    @TempDir
    Path temp;

    @Test
    void startsDriftOnSqliteRunsTheSuiteAndRemovesItAgain() throws Exception {
        Path reports = temp.resolve("reports");
        CliRun run = CliRun.of("test", "--backend", "sqlite", "--tags", "ops,auth", "--reports", reports.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("sqlite +[1-9]\\d* +0 +\\d+");
        assertThat(run.out().lines().toList().getLast()).matches("[1-9]\\d* passed, 0 failed, \\d+ skipped");
        assertThat(junitXml(reports.resolve("sqlite"))).isNotEmpty();
        String dataDir = run.err().lines().filter(line -> line.startsWith("== sqlite: starting Drift in "))
                .findFirst().orElseThrow().substring("== sqlite: starting Drift in ".length());
        assertThat(Path.of(dataDir)).as("the temporary data directory is gone").doesNotExist();
    }

    @Test
    void testsARegistryThatRunsAlreadyByUrlWithThePasswordFromTheEnvironment() throws Exception {
        Path dataDir = temp.resolve("data");
        int port = LocalSqliteIT.freePort();
        CliRun up = CliRun.of("up", "-d", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        try {
            Properties credentials = new Properties();
            try (var in = Files.newBufferedReader(dataDir.resolve("credentials"))) {
                credentials.load(in);
            }
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("drift.ops.jar"),
                    "test", "--url", "http://127.0.0.1:" + port, "--user", "drift", "--password-env", "IT_PASSWORD",
                    "--tags", "auth", "--reports", temp.resolve("reports").toString()))
                    .redirectErrorStream(true);
            builder.environment().put("IT_PASSWORD", credentials.getProperty("password"));
            Process test = builder.start();
            String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(test.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(test.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain(credentials.getProperty("password"));
            assertThat(output.lines().toList().getLast()).matches("[1-9]\\d* passed, 0 failed, \\d+ skipped");
            assertThat(junitXml(temp.resolve("reports").resolve("url"))).isNotEmpty();
        } finally {
            CliRun.of("down", "--purge", "--data-dir", dataDir.toString());
        }
    }

    @Test
    void aWrongPasswordFailsTheRun() throws Exception {
        Path dataDir = temp.resolve("data");
        int port = LocalSqliteIT.freePort();
        assertThat(CliRun.of("up", "-d", "--data-dir", dataDir.toString(), "--port", Integer.toString(port)).exitCode())
                .isZero();
        try {
            // PATH is set in every environment and is certainly not the registry's password.
            CliRun run = CliRun.of("test", "--url", "http://127.0.0.1:" + port, "--user", "drift",
                    "--password-env", "PATH", "--tags", "auth", "--reports", temp.resolve("reports").toString());
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.TESTS_FAILED);
            assertThat(run.out().lines().toList().getLast()).matches("\\d+ passed, [1-9]\\d* failed, \\d+ skipped");
        } finally {
            CliRun.of("down", "--purge", "--data-dir", dataDir.toString());
        }
    }

    private static List<Path> junitXml(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".xml")).toList();
        }
    }
}
