package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/nightly-e2e.yml cannot run here, so this holds it to what can be checked: it is
 * YAML GitHub can read, it covers every backend on every target, it calls the repository scripts
 * .ci/run calls (and only scripts that exist), and it keeps the reports whatever happens.
 */
class NightlyWorkflowTest {

    /** Surefire runs in cli/; the repository root is its parent. */
    private static final Path ROOT = Path.of("..");
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w/.-])\\./([\\w.-]+(?:\\.sh)?|drift-ops)(?=\\s|$)");

    private final JsonNode workflow = parse(read(ROOT.resolve(".github/workflows/nightly-e2e.yml")));
    private final JsonNode steps = workflow.get("jobs").get("e2e").get("steps");

    @Test
    void runsNightlyAndOnDemandWithAZqliteSourceInput() {
        JsonNode on = workflow.get("on");
        assertThat(on.get("schedule").get(0).get("cron").asText()).matches("\\S+ \\S+ \\* \\* \\*");
        assertThat(on.get("workflow_dispatch").get("inputs").get("zqlite_repository").get("default").asText())
                .matches("[\\w.-]+/[\\w.-]+");
    }

    @Test
    void coversEveryBackendOnEveryTarget() {
        JsonNode matrix = workflow.get("jobs").get("e2e").get("strategy").get("matrix");
        assertThat(texts(matrix.get("backend"))).containsExactly("sqlite", "postgres", "zqlite");
        assertThat(texts(matrix.get("target"))).containsExactly("local", "docker", "k8s");
        assertThat(workflow.get("jobs").get("e2e").get("strategy").get("fail-fast").asBoolean()).isFalse();
    }

    @Test
    void callsTheScriptsCiCallsAndOnlyScriptsThatExist() {
        Set<String> called = scriptsIn(runScripts());
        assertThat(called).as("repository scripts the workflow calls")
                .contains("test-registry.sh", "test-zqlite.sh", "drift-ops")
                .allSatisfy(script -> assertThat(ROOT.resolve(script)).as(script).isExecutable());
        Set<String> ciCalls = scriptsIn(List.of(read(ROOT.resolve(".ci/run"))));
        assertThat(called).containsAll(ciCalls.stream().filter(script -> script.startsWith("test-")).toList());
        assertThat(String.join("\n", runScripts())).contains("./drift-ops build zqlite --source archive/zqlite");
    }

    @Test
    void theSuiteGetsItsBackendAndTargetFromTheMatrix() {
        JsonNode suite = step("./test-registry.sh");
        assertThat(suite.get("env").get("DRIFT_DATABASE_BACKEND").asText()).isEqualTo("${{ matrix.backend }}");
        assertThat(suite.get("env").get("DRIFT_TARGET").asText()).isEqualTo("${{ matrix.target }}");
    }

    @Test
    void keepsTheJunitReportsAlways() {
        JsonNode upload = null;
        for (JsonNode step : steps) {
            if (step.path("uses").asText().startsWith("actions/upload-artifact@")) {
                upload = step;
            }
        }
        assertThat(upload).as("an actions/upload-artifact step").isNotNull();
        assertThat(upload.get("if").asText()).isEqualTo("always()");
        // test-registry.sh and test-zqlite.sh write their JUnit XML there.
        assertThat(upload.get("with").get("path").asText()).isEqualTo("target/e2e-reports/");
        assertThat(read(ROOT.resolve("test-registry.sh"))).contains("target/e2e-reports");
    }

    private JsonNode step(String run) {
        for (JsonNode step : steps) {
            if (step.path("run").asText().strip().equals(run)) {
                return step;
            }
        }
        throw new AssertionError("no step runs " + run);
    }

    private List<String> runScripts() {
        List<String> runs = new ArrayList<>();
        steps.forEach(step -> {
            if (step.has("run")) {
                runs.add(step.get("run").asText());
            }
        });
        return runs;
    }

    private static Set<String> scriptsIn(List<String> texts) {
        Set<String> scripts = new LinkedHashSet<>();
        for (String text : texts) {
            Matcher matcher = SCRIPT.matcher(text);
            while (matcher.find()) {
                scripts.add(matcher.group(1));
            }
        }
        return scripts;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static JsonNode parse(String yaml) {
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError("the workflow is not YAML: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }
}
