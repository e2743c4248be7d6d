package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.drift.ops.cli.docker.BuildContext;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.cli.docker.ImageBuilder;
import dev.drift.ops.cli.zqlite.ZqliteContract;
import dev.drift.ops.cli.zqlite.ZqliteContract.Report;
import dev.drift.ops.cli.zqlite.ZqliteContract.Result;
import dev.drift.ops.cli.zqlite.ZqliteContract.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ZQLite contract check against three images built here for the purpose, all TEST DOUBLES named
 * {@code drift-test-double/zqlite-*}: a {@code zqlite} shell script without a server command, one whose server
 * answers /health with 404, and one that serves /health 200 and whose ping exits 0 but speaks no PostgreSQL.
 * None of them is ZQLite; they exist to show that the check tells each case apart, and they never stand in for
 * ZQLite anywhere else (the images are removed after the class).
 */
class ZqliteContractIT {

    private static final String NO_SERVER = "drift-test-double/zqlite-no-server:latest";
    private static final String BAD_HEALTH = "drift-test-double/zqlite-bad-health:latest";
    private static final String CONFORMING = "drift-test-double/zqlite-conforming:latest";
    /** A double that answers /health 404 keeps doing so; no need to wait the default 30 s for it. */
    private static final Duration HEALTH_WAIT = Duration.ofSeconds(10);
    private static final String NOT_RUNNING = "the server is not running";

    private static DockerEngine engine;
    private static Console console;

    @BeforeAll
    static void buildDoubles() throws IOException {
        engine = DockerImagesForTests.engineWithBaseImage();
        console = new Console(new PrintWriter(System.err, true), false, false);
        buildDouble(NO_SERVER, "no-server.sh", "ok");
        buildDouble(BAD_HEALTH, "serving.sh", "absent");
        buildDouble(CONFORMING, "serving.sh", "ok");
    }

    @AfterAll
    static void removeDoubles() {
        if (engine == null) {
            return;
        }
        for (String image : List.of(NO_SERVER, BAD_HEALTH, CONFORMING)) {
            if (engine.imageId(image).isPresent()) {
                engine.client().removeImageCmd(image).withForce(true).exec();
            }
        }
        engine.close();
    }

    @AfterEach
    void nothingOfTheCheckIsLeft() {
        String component = "zqlite-contract-check";
        List<String> label = List.of(Layout.COMPONENT_LABEL + "=" + component);
        assertThat(engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Layout.COMPONENT_LABEL, component)).exec()).isEmpty();
        assertThat(engine.client().listNetworksCmd().withFilter("label", label).exec()).isEmpty();
        List<InspectVolumeResponse> volumes = engine.client().listVolumesCmd().withFilter("label", label).exec().getVolumes();
        assertThat(volumes == null ? List.of() : volumes).isEmpty();
    }

    @Test
    void anImageWithoutAnyZqliteIsReportedWithTheEnginesReason() {
        Report report = check(DockerImagesForTests.BASE_IMAGE);

        assertThat(report.rows()).extracting(Row::check, Row::result).containsExactly(
                rowOf(ZqliteContract.SERVER, Result.MISSING), rowOf(ZqliteContract.HEALTH, Result.NOT_RUN),
                rowOf(ZqliteContract.PING, Result.NOT_RUN), rowOf(ZqliteContract.POSTGRES, Result.NOT_RUN));
        assertThat(report.row(ZqliteContract.SERVER).evidence())
                .startsWith("the container did not start: ").contains("executable file not found");
    }

    @Test
    void anImageWithoutAServerCommandIsReportedWithTheUsageItPrinted() {
        Report report = check(NO_SERVER);

        assertThat(report.rows()).extracting(Row::check, Row::result).containsExactly(
                rowOf(ZqliteContract.SERVER, Result.MISSING), rowOf(ZqliteContract.HEALTH, Result.NOT_RUN),
                rowOf(ZqliteContract.PING, Result.NOT_RUN), rowOf(ZqliteContract.POSTGRES, Result.NOT_RUN));
        assertThat(report.row(ZqliteContract.SERVER).evidence())
                .isEqualTo("`zqlite server --port 5433 --data-dir /var/lib/zqlite` exited with code 1: "
                        + "zqlite: unknown command 'server' | usage: zqlite <shell|version>");
        assertThat(report.rows().subList(1, 4)).extracting(Row::evidence).containsOnly(NOT_RUNNING);
        assertThat(report.holds()).isFalse();
    }

    @Test
    void anImageWhoseHealthAnswers404IsReportedWithTheAnswer() {
        Report report = check(BAD_HEALTH);

        assertThat(report.rows()).extracting(Row::check, Row::result).containsExactly(
                rowOf(ZqliteContract.SERVER, Result.HOLDS), rowOf(ZqliteContract.HEALTH, Result.MISSING),
                rowOf(ZqliteContract.PING, Result.HOLDS), rowOf(ZqliteContract.POSTGRES, Result.MISSING));
        assertThat(report.row(ZqliteContract.HEALTH).evidence())
                .startsWith("no 200 within 10s; last answer: HTTP 404");
        assertThat(report.row(ZqliteContract.PING).evidence()).isEqualTo("exit 0");
    }

    @Test
    void anImageThatAnswersAsTheContractSaysButSpeaksNoPostgresIsMissingOnlyThat() {
        Report report = check(CONFORMING);

        assertThat(report.rows()).extracting(Row::check, Row::result).containsExactly(
                rowOf(ZqliteContract.SERVER, Result.HOLDS), rowOf(ZqliteContract.HEALTH, Result.HOLDS),
                rowOf(ZqliteContract.PING, Result.HOLDS), rowOf(ZqliteContract.POSTGRES, Result.MISSING));
        assertThat(report.row(ZqliteContract.SERVER).evidence())
                .isEqualTo("`zqlite server --port 5433 --data-dir /var/lib/zqlite` kept running through the checks");
        assertThat(report.row(ZqliteContract.HEALTH).evidence()).startsWith("HTTP 200, body \"OK\" after ");
        assertThat(report.row(ZqliteContract.POSTGRES).evidence()).startsWith("pg ssl request: ");
        assertThat(report.summary()).isEqualTo(CONFORMING + " does not meet the ZQLite contract: "
                + ZqliteContract.POSTGRES + " MISSING");
    }

    @Test
    void checkOnlyPrintsTheTableAndExits4NamingWhatIsMissing() {
        CliRun run = CliRun.of("build", "zqlite", "--check-only", "--tag", NO_SERVER);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(run.out().lines().toList()).hasSize(5).first().asString().matches("CHECK +RESULT +EVIDENCE");
        assertThat(run.out()).containsPattern(ZqliteContract.SERVER + " +MISSING +`zqlite server");
        assertThat(run.err()).contains(NO_SERVER + " does not meet the ZQLite contract: "
                + ZqliteContract.SERVER + " MISSING, " + ZqliteContract.HEALTH + " not run, "
                + ZqliteContract.PING + " not run, " + ZqliteContract.POSTGRES + " not run");
    }

    @Test
    void checkOnlyOfAnImageThatDoesNotExistSaysHowToBuildIt() {
        CliRun run = CliRun.of("build", "zqlite", "--check-only", "--tag", "drift-test-double/zqlite-absent:none");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PROVISIONING);
        assertThat(run.err()).contains("image drift-test-double/zqlite-absent:none not found")
                .contains("drift-ops build zqlite --source DIR");
    }

    private static Report check(String image) {
        Report report = new ZqliteContract(engine, console, HEALTH_WAIT).check(image);
        report.rows().forEach(row -> System.err.println(image + " | " + row.check() + " | " + row.result().label()
                + " | " + row.evidence()));
        return report;
    }

    private static Tuple rowOf(String check, Result result) {
        return tuple(check, result);
    }

    private static void buildDouble(String tag, String script, String health) throws IOException {
        try (BuildContext context = BuildContext.create()) {
            context.addResource("zqlite-doubles/Dockerfile", "Dockerfile")
                    .addResource("zqlite-doubles/" + script, "zqlite");
            new ImageBuilder(engine, console).build("test double " + tag, context, tag,
                    Map.of("BASE_IMAGE", DockerImagesForTests.BASE_IMAGE, "HEALTH", health), "host");
        }
    }
}
