package dev.drift.ops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.drift.ops.e2e.E2eSummary.Status;
import dev.drift.ops.e2e.E2eSummary.TestResult;
import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.testkit.SeaweedFs;

/** The whole suite against the packaged Drift server, run as operators run it: a child process on 127.0.0.1. */
class SuiteAgainstDriftIT {

    /** Fewer than this many passing tests means whole classes were not found or not run. */
    private static final int TESTS_AT_LEAST = 35;

    @TempDir
    Path dir;

    @Test
    void passesAgainstDriftWithoutAuthAndAgainOnTheSameRegistry() throws Exception {
        try (DriftServerProcess drift = DriftServerProcess.start(dir, "")) {
            E2eSummary first = E2eRunner.run(E2eTarget.anonymous(drift.url()), List.of(), dir.resolve("reports"));
            assertThat(first.failed()).as(first.table()).isZero();
            assertThat(first.passed()).as(first.table()).isGreaterThanOrEqualTo(TESTS_AT_LEAST);
            assertThat(first.results()).filteredOn(result -> result.status() == Status.SKIPPED)
                    .as("only the authentication tests skip, for want of credentials")
                    .isNotEmpty()
                    .allSatisfy(result -> {
                        assertThat(result.className()).isEqualTo("AuthenticationTests");
                        assertThat(result.message()).contains("no credentials configured");
                    });
            assertThat(reportText()).contains("<testsuite").contains("OciPushPullTests").contains("BoltApiTests");

            // A second run against the same, now non-empty registry: names are unique per run.
            E2eSummary second = E2eRunner.run(E2eTarget.anonymous(drift.url()), List.of("oci"), null);
            assertThat(second.failed()).as(second.table()).isZero();
            assertThat(second.results()).extracting(TestResult::className).allMatch(name -> name.startsWith("Oci"));
            assertThat(second.passed()).isGreaterThanOrEqualTo(20);
        }
    }

    /**
     * Two servers on one database and one blob store, each request of the suite going to the other one, as behind a
     * round-robin load balancer: every upload, push and listing crosses replicas. The blobs are in a shared directory
     * or in a bucket of a real SeaweedFS, the metadata in a shared SQLite file or PostgreSQL database.
     */
    @ParameterizedTest(name = "blobs in {0}, metadata on {1}")
    @CsvSource({"fs, sqlite", "s3, sqlite", "s3, postgres"})
    void passesAgainstTwoReplicasTakingRequestsInTurn(String blobs, String metadata) throws Exception {
        try (SeaweedFs seaweed = blobs.equals("s3") ? SeaweedFs.start(dir.resolve("seaweed"), "e2e") : null) {
            String stores = (seaweed == null ? DriftServerProcess.fsStorage(dir) : seaweed.storageToml("replicas/"))
                    + (metadata.equals("sqlite") ? DriftServerProcess.sqliteDatabase(dir)
                            : DriftServerProcess.postgresDatabase(PostgresServer.shared().createDatabase()));
            try (DriftServerProcess first = DriftServerProcess.startReplica(dir, "replica-a", stores, "");
                 DriftServerProcess second = DriftServerProcess.startReplica(dir, "replica-b", stores, "")) {
                E2eSummary summary = E2eRunner.run(E2eTarget.anonymous(first.url() + "," + second.url()), List.of(),
                        null);

                assertThat(summary.failed()).as(summary.table()).isZero();
                assertThat(summary.passed()).as(summary.table()).isGreaterThanOrEqualTo(TESTS_AT_LEAST);
                assertThat(Files.readString(dir.resolve("replica-a.log"))).contains("PUT /v2/");
                assertThat(Files.readString(dir.resolve("replica-b.log"))).contains("PUT /v2/");
            }
            if (seaweed != null) {
                assertThat(seaweed.keys("replicas/blobs/")).as("the pushed blobs are in the bucket").isNotEmpty();
            }
        }
    }

    @Test
    void passesAgainstDriftWithBasicAuthAndKeepsThePasswordOutOfReports() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String auth = """

                [auth]
                mode = "basic"

                [auth.basic]
                users = ["e2e-user:%s"]
                """.formatted(password);
        try (DriftServerProcess drift = DriftServerProcess.start(dir, auth)) {
            Path passwordFile = Files.writeString(dir.resolve("password"), password + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = E2eMain.run(new String[] {"--url", drift.url(), "--user", "e2e-user", "--password-file",
                    passwordFile.toString(), "--reports", dir.resolve("reports").toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            String printed = out.toString(StandardCharsets.UTF_8);

            assertThat(exit).as(printed).isZero();
            List<String> lines = printed.lines().toList();
            assertThat(lines.getLast()).matches("\\d+ passed, 0 failed");
            assertThat(Integer.parseInt(lines.getLast().split(" ")[0])).isGreaterThanOrEqualTo(TESTS_AT_LEAST + 4);
            assertThat(printed).contains("AuthenticationTests").contains("anonymousRequestsGet401WithABasicChallenge");
            assertThat(printed).doesNotContain(password);
            assertThat(reportText()).contains("AuthenticationTests").doesNotContain(password);
        }
    }

    @Test
    void registryThatDoesNotAnswerFailsTheRun() throws Exception {
        // A port nothing listens on: every test must fail, none may pass by accident.
        String url = "http://127.0.0.1:" + DriftServerProcess.freePort();
        E2eSummary summary = E2eRunner.run(E2eTarget.anonymous(url), List.of("oci", "ops"), null);
        assertThat(summary.successful()).isFalse();
        assertThat(summary.passed()).as(summary.table()).isZero();
        assertThat(summary.failed()).isGreaterThanOrEqualTo(10);
    }

    private String reportText() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            List<Path> reports = files.filter(file -> file.getFileName().toString().endsWith(".xml")).toList();
            assertThat(reports).as("JUnit XML reports").isNotEmpty();
            StringBuilder text = new StringBuilder();
            for (Path report : reports) {
                text.append(Files.readString(report, StandardCharsets.UTF_8));
            }
            return text.toString();
        }
    }
}
