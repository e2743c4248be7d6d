package dev.drift.ops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.deploy.ProjectVersion;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void theEnvironmentSaysWhatToWatch() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
                "DRIFT_OPERATOR_NAMESPACES", " apps, ci ,", "DRIFT_OPERATOR_HTTP_PORT", "9090",
                "DRIFT_OPERATOR_DRIFT_IMAGE", "example/drift:2", "DRIFT_OPERATOR_CLASS", "dev"));

        assertThat(settings.namespaces()).isEqualTo(Set.of("apps", "ci"));
        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.defaultDriftImage()).isEqualTo("example/drift:2");
        assertThat(settings.resourceSelector()).isEqualTo("drift.dev/operator-class=dev");
    }

    @Test
    void byDefaultEveryNamespaceAndEveryResourceWithoutAClass() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of());

        assertThat(settings.namespaces()).isEmpty();
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.defaultDriftImage()).isEqualTo("drift:" + ProjectVersion.get());
        assertThat(ProjectVersion.get()).doesNotContain("${").isNotEqualTo("unknown");
        assertThat(settings.resourceSelector()).isEqualTo("!drift.dev/operator-class");
    }
}
