package dev.drift.ops.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTroubleTest {

    private static Pod crashLooping(String lastLog) {
        return new PodBuilder().withNewMetadata().withName("drift-dev-registry-0").endMetadata()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("registry")
                .withNewState().withNewWaiting("back-off 10s restarting failed container", "CrashLoopBackOff").endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withMessage(lastLog).endTerminated().endLastState()
                .endContainerStatus().endStatus().build();
    }

    @Test
    void aCrashLoopIsExplainedByTheInnermostCauseTheContainerLogged() {
        Pod pod = crashLooping("""
                10:00:01 INFO starting
                10:00:02 ERROR Drift registry failed to start: cannot reach PostgreSQL at nowhere:5432: UnknownHostException
                java.sql.SQLException: cannot reach PostgreSQL at nowhere:5432
                \tat org.postgresql.Driver.connect(Driver.java:1)
                \t... 12 more
                Caused by: java.net.UnknownHostException: nowhere
                \tat java.base/java.net.InetAddress.getAllByName(InetAddress.java:1)
                """);

        PodTrouble trouble = PodTrouble.of(List.of(pod)).orElseThrow();
        assertThat(trouble.reason()).isEqualTo("CrashLoopBackOff");
        assertThat(trouble.message()).isEqualTo("pod drift-dev-registry-0 container registry: back-off 10s restarting "
                + "failed container; it exited with code 1: java.net.UnknownHostException: nowhere");
    }

    @Test
    void withoutACauseTheLastLineThatIsNotAStackFrameIsTaken() {
        assertThat(PodTrouble.of(List.of(crashLooping("starting\ndrift-registry: [database] postgres_url: must be a "
                + "postgres:// URL\n"))).orElseThrow().message())
                .endsWith("; it exited with code 1: drift-registry: [database] postgres_url: must be a postgres:// URL");
    }

    @Test
    void aContainerThatSaidNothingIsStillNamedWithItsExitCode() {
        assertThat(PodTrouble.of(List.of(crashLooping(null))).orElseThrow().message())
                .endsWith("; it exited with code 1");
    }
}
