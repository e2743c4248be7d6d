package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.LocalCluster;
import dev.drift.ops.testkit.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local cluster as the chart ITs use it: the real kubectl and helm with its kubeconfig, images copied onto the
 * node, Secrets read back, Drift reached through its NodePort on 127.0.0.1 and proven with the e2e suite. Measured
 * figures go to target/helm-install-times.txt besides the test's output.
 */
final class OnCluster {

    static final Duration WAIT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIGURES = Path.of("target/helm-install-times.txt");

    private final Path kubeconfig;
    private final String kubectl;

    private OnCluster(Path kubeconfig, String kubectl) {
        this.kubeconfig = kubeconfig;
        this.kubectl = kubectl;
    }

    /** The running local cluster, with helm and kubectl; missing, the test skips here and fails in CI. */
    static OnCluster require() {
        Helm.require();
        Path kubeconfig = LocalCluster.require();
        Path built = Path.of("/var/cache/drift-ops/go-tools", kubernetesTools(), "bin/kubectl");
        String kubectl = Files.isExecutable(built) ? built.toString() : "kubectl";
        RealTools.requireCommand(kubectl, "version", "--client");
        return new OnCluster(kubeconfig, kubectl);
    }

    String kubectl(String... args) {
        Commands.Result result = tryKubectl(args);
        if (!result.succeeded()) {
            throw new AssertionError(result.describe());
        }
        return result.stdout().strip();
    }

    Commands.Result tryKubectl(String... args) {
        List<String> argv = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        return Commands.tryRun(Duration.ofMinutes(3), argv.toArray(String[]::new));
    }

    String helm(String... args) {
        return Helm.run(helmArgs(args));
    }

    Commands.Result tryHelm(String... args) {
        return Helm.tryRun(helmArgs(args));
    }

    private List<String> helmArgs(String... args) {
        List<String> argv = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** `kubectl apply` of YAML text in a namespace. */
    void apply(String namespace, String yaml) throws IOException {
        Path file = Files.createTempFile("drift-charts-it-", ".yaml");
        try {
            Files.writeString(file, yaml);
            kubectl("apply", "-n", namespace, "-f", file.toString());
        } finally {
            Files.delete(file);
        }
    }

    /** `kubectl apply --dry-run=server` of YAML text: what the API server says of it, without keeping it. */
    Commands.Result dryRun(String namespace, String yaml) throws IOException {
        Path file = Files.createTempFile("drift-charts-dry-", ".yaml");
        try {
            Files.writeString(file, yaml);
            return tryKubectl("apply", "--dry-run=server", "-n", namespace, "-f", file.toString());
        } finally {
            Files.delete(file);
        }
    }

    /** Copies the image from the local Docker engine into the node unless the node has it already. */
    void onNode(String image) {
        String images = kubectl("get", "nodes", "-o", "jsonpath={.items[*].status.images[*].names}");
        String qualified = image.contains("/") && image.substring(0, image.indexOf('/')).contains(".") ? image
                : "docker.io/" + (image.contains("/") ? "" : "library/") + image;
        if (!images.contains("\"" + qualified + "\"") && !images.contains("\"" + image + "\"")) {
            RealTools.requireDockerEngine();
            LocalCluster.loadImages(image);
        }
    }

    String secret(String namespace, String name, String key) throws IOException {
        JsonNode secret = JSON.readTree(kubectl("get", "secret", "-n", namespace, name, "-o", "json"));
        return new String(Base64.getDecoder().decode(secret.at("/data/" + key).asText()), StandardCharsets.UTF_8);
    }

    /** Drift {@code drift-INSTANCE-registry} through its NodePort on 127.0.0.1, once it answers /readyz with 200. */
    Registry registry(String namespace, String instance) throws Exception {
        String port = nodePort(namespace, instance);
        String login = "drift-" + instance + "-auth";
        Registry registry = new Registry("http://127.0.0.1:" + port, secret(namespace, login, "username"),
                secret(namespace, login, "password"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (registry.readyz() == 200) {
                    return registry;
                }
            } catch (IOException e) {
                // kube-proxy may not have the NodePort yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Drift's NodePort " + port + " did not answer /readyz with 200 in 60 s");
            }
            Thread.sleep(500);
        }
    }

    /**
     * The e2e suite ({@code drift-ops test --url}) through Drift's NodePort on 127.0.0.1 with its login; the count of
     * passed tests goes beside the install times under {@code label}.
     */
    void e2e(String namespace, String instance, String label) throws Exception {
        Path jar = Path.of(System.getProperty("drift.cli.jar", "../cli/target/drift-ops.jar"));
        if (!Files.isRegularFile(jar)) {
            RealTools.unavailable(jar + " is missing; build it with ./mvnw -pl cli -am package -DskipTests");
        }
        registry(namespace, instance);
        String login = "drift-" + instance + "-auth";
        Path reports = Files.createDirectories(Path.of("target", "e2e-reports", label.replaceAll("[^a-z0-9-]+", "-")));
        Path output = reports.resolve("output.txt");
        ProcessBuilder test = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "test", "--url", "http://127.0.0.1:" + nodePort(namespace, instance),
                "--user", secret(namespace, login, "username"), "--password-env", "DRIFT_CHART_IT_PASSWORD",
                "--reports", reports.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        test.environment().put("DRIFT_CHART_IT_PASSWORD", secret(namespace, login, "password"));
        Process process = test.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(finished && process.exitValue() == 0).as("drift-ops test --url:\n" + printed).isTrue();
        String summary = printed.lines().filter(line -> line.matches("\\d+ passed, \\d+ failed, \\d+ skipped"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no summary in:\n" + printed));
        assertThat(summary).contains(" 0 failed");
        record("e2e through " + label + ": " + summary);
    }

    /** A measured figure: printed, and kept in target/helm-install-times.txt. */
    static void record(String line) {
        System.out.println(line);
        try {
            Files.writeString(FIGURES, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the figure is in the test's output too
        }
    }

    private String nodePort(String namespace, String instance) {
        return kubectl("get", "service", "-n", namespace, "drift-" + instance + "-registry",
                "-o", "jsonpath={.spec.ports[0].nodePort}");
    }

    /** kubernetes-VERSION, the directory scripts/local-cluster.sh builds kubectl in, from scripts/versions.env. */
    private static String kubernetesTools() {
        try {
            String versions = Files.readString(Helm.repositoryRoot().resolve("scripts/versions.env"));
            Matcher matcher = Pattern.compile("(?m)^KUBERNETES_VERSION=(\\S+)").matcher(versions);
            return "kubernetes-" + (matcher.find() ? matcher.group(1) : "missing");
        } catch (IOException e) {
            return "kubernetes-missing";
        }
    }
}
