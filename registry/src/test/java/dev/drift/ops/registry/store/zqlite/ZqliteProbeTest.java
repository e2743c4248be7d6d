package dev.drift.ops.registry.store.zqlite;

import static dev.drift.ops.registry.store.zqlite.ProbeReport.Outcome.FAILED;
import static dev.drift.ops.registry.store.zqlite.ProbeReport.Outcome.NOT_RUN;
import static dev.drift.ops.registry.store.zqlite.ProbeReport.Outcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.registry.store.zqlite.BrokenServerDoubles.Double;
import dev.drift.ops.registry.store.zqlite.ProbeReport.Check;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe against servers that answer wrongly, not at all, or by the book (see {@link BrokenServerDoubles}). */
class ZqliteProbeTest {

    private final ZqliteProbe probe = new ZqliteProbe(Duration.ofMillis(500), true);

    @Test
    void aRefusedConnectionFailsTheTcpCheckAndRunsNoOther() throws Exception {
        ProbeReport report = probe.run(BrokenServerDoubles.refusingUrl());

        assertThat(report.check(ZqliteProbe.TCP)).isEqualTo(new Check(ZqliteProbe.TCP, FAILED, "connection refused"));
        assertThat(report.checks().subList(1, 5)).extracting(Check::outcome).containsOnly(NOT_RUN);
        assertThat(report.checks().subList(1, 5)).extracting(Check::detail).containsOnly("no TCP connection");
        assertThat(report.allPassed()).isFalse();
    }

    @Test
    void aSilentServerTimesOutOnEveryProtocolCheck() throws Exception {
        try (Double silent = BrokenServerDoubles.silent()) {
            ProbeReport report = probe.run(silent.url());

            assertThat(report.check(ZqliteProbe.TCP).outcome()).isEqualTo(PASSED);
            assertThat(report.check(ZqliteProbe.HEALTH)).isEqualTo(
                    new Check(ZqliteProbe.HEALTH, FAILED, "no answer within 500ms"));
            assertThat(report.check(ZqliteProbe.SSL_REQUEST).detail()).isEqualTo("no answer within 500ms");
            assertThat(report.check(ZqliteProbe.STARTUP).detail()).isEqualTo("no answer within 500ms");
            assertThat(report.check(ZqliteProbe.SELECT_1)).isEqualTo(
                    new Check(ZqliteProbe.SELECT_1, NOT_RUN, "the startup handshake did not complete"));
        }
    }

    @Test
    void anHttp500FailsTheHealthCheckWithStatusAndBodyAndIsNoPostgresAnswer() throws Exception {
        try (Double failing = BrokenServerDoubles.answeringHttp500()) {
            ProbeReport report = probe.run(failing.url());

            assertThat(report.check(ZqliteProbe.HEALTH)).isEqualTo(
                    new Check(ZqliteProbe.HEALTH, FAILED, "HTTP 500, body \"database down\""));
            assertThat(report.check(ZqliteProbe.SSL_REQUEST).detail())
                    .startsWith("answered byte 0x48 'HTTP/1.1 500")
                    .endsWith("(an HTTP response) instead of 'N' or 'S'");
            assertThat(report.check(ZqliteProbe.STARTUP).outcome()).isEqualTo(FAILED);
            assertThat(report.check(ZqliteProbe.STARTUP).detail())
                    .contains("which is not a PostgreSQL backend message");
        }
    }

    @Test
    void garbageIsReportedAsItArrived() throws Exception {
        try (Double garbage = BrokenServerDoubles.answeringGarbage()) {
            ProbeReport report = probe.run(garbage.url());

            assertThat(report.check(ZqliteProbe.HEALTH).detail())
                    .isEqualTo("answered, but not with HTTP: hello? this is not a database\\x0a");
            assertThat(report.check(ZqliteProbe.SSL_REQUEST).detail())
                    .isEqualTo("answered byte 0x68 'hello? this is not a database\\x0a' instead of 'N' or 'S'");
            assertThat(report.check(ZqliteProbe.STARTUP).detail())
                    .startsWith("answered byte 0x68 'hello?")
                    .endsWith("which is not a PostgreSQL backend message");
            assertThat(report.check(ZqliteProbe.SELECT_1).outcome()).isEqualTo(NOT_RUN);
        }
    }

    @Test
    void aPasswordRequestFailsTheStartupAndSaysWhichMethod() throws Exception {
        try (Double guarded = BrokenServerDoubles.askingForAPassword()) {
            ProbeReport report = probe.run(guarded.url());

            assertThat(report.check(ZqliteProbe.HEALTH).outcome()).isEqualTo(PASSED);
            assertThat(report.check(ZqliteProbe.SSL_REQUEST).detail()).startsWith("answered 'N'");
            assertThat(report.check(ZqliteProbe.STARTUP)).isEqualTo(new Check(ZqliteProbe.STARTUP, FAILED,
                    "asks for a cleartext password; Drift connects as user \"drift\" without a password"));
        }
    }

    @Test
    void aServerThatFollowsTheProtocolPassesEveryCheck() throws Exception {
        try (Double conforming = BrokenServerDoubles.answeringByTheProtocol()) {
            ProbeReport report = probe.run(conforming.url());

            assertThat(report.allPassed()).as(report.table()).isTrue();
            assertThat(report.check(ZqliteProbe.HEALTH).detail()).isEqualTo("HTTP 200, body \"OK\"");
            assertThat(report.check(ZqliteProbe.STARTUP).detail()).isEqualTo("AuthenticationOk; BackendKeyData; "
                    + "ParameterStatus server_version=16.0, client_encoding=UTF8; ReadyForQuery (I)");
            assertThat(report.check(ZqliteProbe.SELECT_1).detail()).isEqualTo("one row with value 1");
        }
    }

    @Test
    void theQueryIsLeftOutWhenNotAskedFor() throws Exception {
        try (Double conforming = BrokenServerDoubles.answeringByTheProtocol()) {
            ProbeReport report = new ZqliteProbe(Duration.ofMillis(500), false).run(conforming.url());

            assertThat(report.check(ZqliteProbe.STARTUP).outcome()).isEqualTo(PASSED);
            assertThat(report.check(ZqliteProbe.SELECT_1)).isEqualTo(new Check(ZqliteProbe.SELECT_1, NOT_RUN, "not asked for"));
        }
    }

    @Test
    void theTableHasOneAlignedLinePerCheck() throws Exception {
        ProbeReport report = probe.run(BrokenServerDoubles.refusingUrl());

        assertThat(report.table().lines()).hasSize(2 + 5);
        assertThat(report.table().lines().skip(1).findFirst()).contains("check           result   detail");
        assertThat(report.table()).contains("tcp connect     FAILED   connection refused\n")
                .contains("select 1        not run  no TCP connection\n");
        assertThat(report.summary()).startsWith("ZQLite probe of zqlite://127.0.0.1:")
                .contains("tcp connect FAILED (connection refused); http /health not run (no TCP connection)");
    }
}
