package dev.drift.ops.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real helm binary: the one scripts/local-cluster.sh builds at the version scripts/versions.env pins (under
 * /var/cache/drift-ops/go-tools/), else {@code helm} on the PATH. Missing, it skips a test here and fails it in CI.
 */
final class Helm {

    static final Path CHART = Path.of("drift").toAbsolutePath();
    static final Path OPERATOR_CHART = Path.of("drift-operator").toAbsolutePath();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final YAMLMapper YAML = new YAMLMapper();

    private Helm() {
    }

    static String binary() {
        Path versions = repositoryRoot().resolve("scripts/versions.env");
        try {
            Matcher version = Pattern.compile("(?m)^HELM_VERSION=(\\S+)").matcher(Files.readString(versions));
            if (version.find()) {
                Path built = Path.of("/var/cache/drift-ops/go-tools/helm-" + version.group(1) + "/bin/helm");
                if (Files.isExecutable(built)) {
                    return built.toString();
                }
            }
        } catch (IOException e) {
            // fall back to the PATH
        }
        return "helm";
    }

    static void require() {
        RealTools.requireCommand(binary(), "version", "--short");
    }

    /** `helm ARGS...`, which must succeed; its stdout. */
    static String run(List<String> args) {
        Commands.Result result = tryRun(args);
        if (!result.succeeded()) {
            throw new AssertionError(result.describe());
        }
        return result.stdout();
    }

    static Commands.Result tryRun(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary());
        argv.addAll(args);
        return Commands.tryRun(TIMEOUT, argv.toArray(String[]::new));
    }

    /** `helm template RELEASE CHART` with these values, which must fail: its stderr, which says why. */
    static String refusal(Path chart, String release, Map<String, String> values) {
        List<String> args = new ArrayList<>(List.of("template", release, chart.toString()));
        args.addAll(sets(values));
        Commands.Result result = tryRun(args);
        if (result.succeeded()) {
            throw new AssertionError("helm template accepted " + values + ":\n" + result.describe());
        }
        return result.stderr();
    }

    /** {@code --set-string}-free: each value is passed with --set (so numbers and booleans keep their type). */
    static List<String> sets(Map<String, String> values) {
        List<String> args = new ArrayList<>();
        values.forEach((key, value) -> {
            args.add("--set");
            args.add(key + "=" + value);
        });
        return args;
    }

    /** The objects `helm template RELEASE drift` renders with these values (tests included). */
    static List<JsonNode> template(String release, Map<String, String> values) {
        return template(CHART, release, values);
    }

    /** The objects `helm template RELEASE CHART --namespace ns` renders with these values (tests included). */
    static List<JsonNode> template(Path chart, String release, Map<String, String> values) {
        List<String> args = new ArrayList<>(List.of("template", release, chart.toString(), "--namespace", "ns"));
        args.addAll(sets(values));
        return parse(run(args));
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("helm's output is not YAML: " + e.getMessage() + "\n" + yaml, e);
        }
        return objects;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/versions.env"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("..").toAbsolutePath() : dir;
    }
}
