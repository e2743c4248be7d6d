package dev.drift.ops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The command line's refusals; the runs themselves are proven against a real server in SuiteAgainstDriftIT. */
class E2eMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void passwordAsAnArgumentIsRefused() {
        assertThat(run("--url", "http://127.0.0.1:5000", "--user", "alice", "--password", "s3cret")).isEqualTo(2);
        assertThat(err()).contains("--password-env").doesNotContain("s3cret");
    }

    @Test
    void unknownTagIsRefusedNamingTheKnownOnes() {
        assertThat(run("--url", "http://127.0.0.1:5000", "--tags", "oci,nope")).isEqualTo(2);
        assertThat(err()).contains("'nope'").contains("oci").contains("bolt");
    }

    @Test
    void userWithoutAPasswordIsRefused() {
        assertThat(run("--url", "http://127.0.0.1:5000", "--user", "alice", "--password-env", "DRIFT_E2E_UNSET_VARIABLE"))
                .isEqualTo(2);
        assertThat(err()).contains("DRIFT_E2E_UNSET_VARIABLE");
    }

    @Test
    void optionWithoutItsValueIsRefused() {
        assertThat(run("--url")).isEqualTo(2);
        assertThat(err()).contains("--url needs a value");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--password-file").contains("--reports");
    }

    private int run(String... args) {
        return E2eMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
