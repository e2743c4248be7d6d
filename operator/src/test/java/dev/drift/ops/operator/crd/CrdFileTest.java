package dev.drift.ops.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRD that ships (operator/crds/, and through it the install manifests) is the one fabric8's
 * generator makes from the classes at build time; a change to the classes without regenerating
 * fails here.
 */
class CrdFileTest {

    @Test
    void committedCrdIsTheGeneratedOne() throws IOException {
        Path generated = Path.of(System.getProperty("drift.crd.generated"));
        Path committed = Path.of(System.getProperty("drift.crd.committed"));

        assertThat(generated).as("the build generates the CRD").exists();
        assertThat(Files.readString(committed))
                .as("%s differs from what the classes generate; after changing them run\n"
                        + "  ./mvnw -pl operator process-classes && cp %s %s", committed, generated, committed)
                .isEqualTo(Files.readString(generated));
    }
}
