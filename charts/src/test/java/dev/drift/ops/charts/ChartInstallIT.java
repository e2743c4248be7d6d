package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.LocalCluster;
import dev.drift.ops.testkit.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * charts/drift on the real local cluster: the rendered objects pass a server-side dry run; `helm install --wait` of
 * sqlite and of a bundled PostgreSQL, timed; `helm test` passes; an upgrade that changes a value and the image tag
 * keeps the image pushed before (identical digests after); an upgrade with nothing changed rolls nothing;
 * `helm uninstall` keeps the claims (and PostgreSQL's password), and a reinstall under the same name finds the image.
 */
class ChartInstallIT {

    private static final String VERSION = System.getProperty("drift.version", "0.1.0-SNAPSHOT");
    private static final String NAMESPACE = "helm-it-" + ProcessHandle.current().pid();
    private static final Duration WAIT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIFT_IMAGE = env("DRIFT_IMAGE").orElse("drift:" + VERSION);
    private static final String POSTGRES_IMAGE = env("DRIFT_POSTGRES_IMAGE").orElse("drift-local/postgres:latest");
    /** The same Drift under a second tag: what the upgrade moves to. */
    private static final String UPGRADE_IMAGE = "drift-charts-it/drift:" + ProcessHandle.current().pid();

    private static Path kubeconfig;
    private static String kubectl;

    @BeforeAll
    static void cluster() {
        Helm.require();
        kubeconfig = LocalCluster.require();
        Path built = Path.of("/var/cache/drift-ops/go-tools", kubernetesTools(), "bin/kubectl");
        kubectl = Files.isExecutable(built) ? built.toString() : "kubectl";
        RealTools.requireCommand(kubectl, "version", "--client");
        kubectl("create", "namespace", NAMESPACE);
    }

    @AfterAll
    static void cleanUp() {
        if (kubeconfig == null) {
            return;
        }
        for (String release : helm("list", "-q", "-n", NAMESPACE).lines().filter(line -> !line.isBlank()).toList()) {
            Helm.tryRun(List.of("--kubeconfig", kubeconfig.toString(), "uninstall", release, "-n", NAMESPACE, "--wait"));
        }
        // The claims go with the namespace; the cluster wipes Released volumes and makes them Available again.
        Commands.tryRun(Duration.ofMinutes(3), kubectl, "--kubeconfig", kubeconfig.toString(), "delete", "namespace",
                NAMESPACE, "--wait=true", "--timeout=150s");
        Commands.tryRun(Duration.ofMinutes(1), "docker", "rmi", UPGRADE_IMAGE);
    }

    @Test
    void renderedObjectsPassTheApiServersDryRun() throws Exception {
        for (ChartRenderTest.Case c : ChartRenderTest.matrix()) {
            List<String> args = new ArrayList<>(List.of("template", "dry", Helm.CHART.toString(), "-n", NAMESPACE));
            args.addAll(Helm.sets(c.values()));
            Path rendered = Files.createTempFile("drift-chart-", ".yaml");
            try {
                Files.writeString(rendered, Helm.run(args));
                Commands.Result result = Commands.tryRun(Duration.ofMinutes(2), kubectl, "--kubeconfig",
                        kubeconfig.toString(), "apply", "--dry-run=server", "-n", NAMESPACE, "-f", rendered.toString());
                assertThat(result.succeeded()).as(c + ": " + result.describe()).isTrue();
            } finally {
                Files.delete(rendered);
            }
        }
    }

    @Test
    void sqliteInstallsPassesHelmTestAndKeepsItsDataThroughUpgradeAndReinstall() throws Exception {
        onNode(DRIFT_IMAGE);
        String release = "hs";
        List<String> values = List.of("--set", "service.type=NodePort", "--set", "image.pullPolicy=IfNotPresent",
                "--set", "image.repository=" + repository(DRIFT_IMAGE), "--set", "image.tag=" + tag(DRIFT_IMAGE));
        install(release, values);
        helmTest(release);

        e2e(release, "sqlite");
        Registry registry = registry(release);
        Registry.Pushed pushed = registry.push("it/keep", "v1", "kept through upgrades " + System.nanoTime());
        String podBefore = podUid(release);
        long generation = generation(release);

        // Nothing changed: nothing rolls.
        helm("upgrade", release, Helm.CHART.toString(), "-n", NAMESPACE, "--reuse-values", "--wait",
                "--timeout", WAIT.toSeconds() + "s");
        assertThat(generation(release)).as("an upgrade without a change leaves the StatefulSet as it was")
                .isEqualTo(generation);
        assertThat(podUid(release)).isEqualTo(podBefore);

        // A value and the image tag change: the pod rolls, onto the same claim.
        onEngineAs(DRIFT_IMAGE, UPGRADE_IMAGE);
        onNode(UPGRADE_IMAGE);
        helm("upgrade", release, Helm.CHART.toString(), "-n", NAMESPACE, "--reuse-values", "--wait",
                "--timeout", WAIT.toSeconds() + "s", "--set", "image.repository=" + repository(UPGRADE_IMAGE),
                "--set", "image.tag=" + tag(UPGRADE_IMAGE), "--set", "podAnnotations.upgraded=yes");
        assertThat(podUid(release)).as("the pod rolled").isNotEqualTo(podBefore);
        assertThat(kubectl("get", "pod", "-n", NAMESPACE, "drift-" + release + "-registry-0",
                "-o", "jsonpath={.spec.containers[0].image}")).isEqualTo(UPGRADE_IMAGE);
        assertThat(registry(release).pull("it/keep", "v1", pushed)).as("pulled after the upgrade").isEqualTo(pushed);

        // Uninstall keeps the claim; a reinstall under the same name finds the image.
        helm("uninstall", release, "-n", NAMESPACE, "--wait");
        assertThat(kubectl("get", "pvc", "-n", NAMESPACE, "-o", "name"))
                .contains("persistentvolumeclaim/data-drift-" + release + "-registry-0");
        install(release, values);
        assertThat(registry(release).pull("it/keep", "v1", pushed)).as("pulled after a reinstall").isEqualTo(pushed);
    }

    @Test
    void postgresInstallsPassesHelmTestAndKeepsItsDatabaseThroughReinstall() throws Exception {
        onNode(DRIFT_IMAGE);
        onNode(POSTGRES_IMAGE);
        String release = "hp";
        List<String> values = List.of("--set", "backend=postgres", "--set", "service.type=NodePort",
                "--set", "image.repository=" + repository(DRIFT_IMAGE), "--set", "image.tag=" + tag(DRIFT_IMAGE),
                "--set", "postgresql.image=" + POSTGRES_IMAGE);
        install(release, values);
        helmTest(release);
        e2e(release, "postgres");
        Registry.Pushed pushed = registry(release).push("it/pg", "v1", "kept in postgres " + System.nanoTime());
        String password = secret("drift-" + release + "-postgres", "postgres_password");

        helm("uninstall", release, "-n", NAMESPACE, "--wait");
        assertThat(secret("drift-" + release + "-postgres", "postgres_password"))
                .as("the database's password outlives the release, like its claim").isEqualTo(password);
        install(release, values);
        assertThat(registry(release).pull("it/pg", "v1", pushed)).as("pulled after a reinstall").isEqualTo(pushed);
    }

    @Test
    void externalPostgresFromTheUsersSecretInstallsAndPassesHelmTestAndTheSuite() throws Exception {
        onNode(DRIFT_IMAGE);
        onNode(POSTGRES_IMAGE);
        // The user's PostgreSQL: a plain server in the namespace, its password and Drift's URL in Secrets of the user.
        String password = "ext-" + Long.toHexString(System.nanoTime());
        String server = """
                apiVersion: v1
                kind: Secret
                metadata: {name: ext-pg}
                stringData:
                  password: "%1$s"
                  url: "postgres://app:%1$s@ext-pg:5432/registry"
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: ext-pg}
                spec:
                  selector: {app: ext-pg}
                  ports: [{port: 5432, targetPort: 5432}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: ext-pg, labels: {app: ext-pg}}
                spec:
                  securityContext: {seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: postgres
                      image: %2$s
                      imagePullPolicy: IfNotPresent
                      securityContext: {allowPrivilegeEscalation: false}
                      env:
                        - {name: POSTGRES_USER, value: app}
                        - {name: POSTGRES_DB, value: registry}
                        - {name: POSTGRES_PASSWORD_FILE, value: /run/secrets/pg/password}
                      ports: [{containerPort: 5432}]
                      readinessProbe:
                        exec: {command: [pg_isready, -h, 127.0.0.1, -U, app, -d, registry]}
                        periodSeconds: 2
                      volumeMounts: [{name: pg, mountPath: /run/secrets/pg, readOnly: true}]
                  volumes:
                    - name: pg
                      secret: {secretName: ext-pg, defaultMode: 0444, items: [{key: password, path: password}]}
                """.formatted(password, POSTGRES_IMAGE);
        Path file = Files.createTempFile("ext-pg-", ".yaml");
        try {
            Files.writeString(file, server);
            kubectl("apply", "-n", NAMESPACE, "-f", file.toString());
        } finally {
            Files.delete(file);
        }
        kubectl("wait", "-n", NAMESPACE, "--for=condition=Ready", "pod/ext-pg", "--timeout=180s");

        String release = "he";
        install(release, List.of("--set", "backend=postgres", "--set", "postgresql.external.enabled=true",
                "--set", "postgresql.external.urlSecret.name=ext-pg", "--set", "postgresql.external.urlSecret.key=url",
                "--set", "service.type=NodePort", "--set", "image.repository=" + repository(DRIFT_IMAGE),
                "--set", "image.tag=" + tag(DRIFT_IMAGE)));
        assertThat(kubectl("get", "statefulset", "-n", NAMESPACE, "-o", "name"))
                .doesNotContain("drift-" + release + "-postgres");
        helmTest(release);
        e2e(release, "external postgres");
    }

    @Test
    void aLoginSecretOfTheUsersRollsDriftWhenItsContentChangesAndOnlyThen() throws Exception {
        onNode(DRIFT_IMAGE);
        String release = "hx";
        login("my-login", "first-" + Long.toHexString(System.nanoTime()));
        install(release, List.of("--set", "auth.existingSecret=my-login", "--set", "image.repository="
                + repository(DRIFT_IMAGE), "--set", "image.tag=" + tag(DRIFT_IMAGE)));
        helmTest(release);
        String pod = podUid(release);
        long generation = generation(release);

        upgrade(release);
        assertThat(generation(release)).as("the Secret did not change").isEqualTo(generation);
        assertThat(podUid(release)).isEqualTo(pod);

        login("my-login", "second-" + Long.toHexString(System.nanoTime()));
        upgrade(release);
        assertThat(generation(release)).as("the Secret's content changed").isGreaterThan(generation);
        assertThat(podUid(release)).isNotEqualTo(pod);
        helmTest(release);
    }

    /** A Secret of the user's with a login and its bcrypt entry, made (or replaced) with kubectl. */
    private static void login(String name, String password) throws Exception {
        String entry = new dev.drift.ops.deploy.Login("me", dev.drift.ops.config.Secret.of(password)).bcryptEntry();
        Path file = Files.createTempFile("login-", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(Map.of("apiVersion", "v1", "kind", "Secret",
                    "metadata", Map.of("name", name), "stringData",
                    Map.of("username", "me", "password", password, "basic_users", entry))));
            kubectl("apply", "-n", NAMESPACE, "-f", file.toString());
        } finally {
            Files.delete(file);
        }
    }

    private static void upgrade(String release) {
        helm("upgrade", release, Helm.CHART.toString(), "-n", NAMESPACE, "--reuse-values", "--wait",
                "--timeout", WAIT.toSeconds() + "s");
    }

    private static void install(String release, List<String> values) {
        List<String> args = new ArrayList<>(List.of("install", release, Helm.CHART.toString(), "-n", NAMESPACE,
                "--wait", "--timeout", WAIT.toSeconds() + "s"));
        args.addAll(values);
        long start = System.nanoTime();
        helm(args.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format("helm install %s (%s) -> ready in %.1f s", release,
                values.contains("postgresql.external.enabled=true") ? "external postgres"
                        : values.contains("backend=postgres") ? "bundled postgres" : "sqlite", seconds);
        System.out.println(line);
        try {
            Files.writeString(Path.of("target/helm-install-times.txt"), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // the measurement is in the test's output too
        }
    }

    private static void helmTest(String release) {
        Commands.Result result = Helm.tryRun(List.of("--kubeconfig", kubeconfig.toString(), "test", release, "-n",
                NAMESPACE, "--logs", "--timeout", "300s"));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stdout()).contains("Phase:          Succeeded")
                .contains("pushed, pulled and deleted a manifest and its blobs");
    }

    /**
     * The e2e suite ({@code drift-ops test --url}) through the release's NodePort on 127.0.0.1, with its login; the
     * count of passed tests goes beside the install times.
     */
    private static void e2e(String release, String backend) throws Exception {
        Path jar = Path.of(System.getProperty("drift.cli.jar", "../cli/target/drift-ops.jar"));
        if (!Files.isRegularFile(jar)) {
            RealTools.unavailable(jar + " is missing; build it with ./mvnw -pl cli -am package -DskipTests");
        }
        registry(release);
        String port = kubectl("get", "service", "-n", NAMESPACE, "drift-" + release + "-registry",
                "-o", "jsonpath={.spec.ports[0].nodePort}");
        Path reports = Files.createDirectories(Path.of("target", "e2e-reports", backend));
        Path output = reports.resolve("output.txt");
        ProcessBuilder test = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "test", "--url", "http://127.0.0.1:" + port,
                "--user", secret("drift-" + release + "-auth", "username"), "--password-env", "DRIFT_CHART_IT_PASSWORD",
                "--reports", reports.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        test.environment().put("DRIFT_CHART_IT_PASSWORD", secret("drift-" + release + "-auth", "password"));
        Process process = test.start();
        boolean finished = process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(finished && process.exitValue() == 0).as("drift-ops test --url:\n" + printed).isTrue();
        String summary = printed.lines().filter(line -> line.matches("\\d+ passed, \\d+ failed, \\d+ skipped"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no summary in:\n" + printed));
        assertThat(summary).contains(" 0 failed");
        String line = "e2e through charts/drift (" + backend + "): " + summary;
        System.out.println(line);
        Files.writeString(Path.of("target/helm-install-times.txt"), line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static Registry registry(String release) throws Exception {
        String port = kubectl("get", "service", "-n", NAMESPACE, "drift-" + release + "-registry",
                "-o", "jsonpath={.spec.ports[0].nodePort}");
        Registry registry = new Registry("http://127.0.0.1:" + port, secret("drift-" + release + "-auth", "username"),
                secret("drift-" + release + "-auth", "password"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (registry.readyz() == 200) {
                    return registry;
                }
            } catch (java.io.IOException e) {
                // kube-proxy may not have the NodePort yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Drift's NodePort " + port + " did not answer /readyz with 200 in 60 s");
            }
            Thread.sleep(500);
        }
    }

    private static String secret(String name, String key) throws Exception {
        JsonNode secret = JSON.readTree(kubectl("get", "secret", "-n", NAMESPACE, name, "-o", "json"));
        return new String(Base64.getDecoder().decode(secret.at("/data/" + key).asText()), StandardCharsets.UTF_8);
    }

    private static String podUid(String release) {
        return kubectl("get", "pod", "-n", NAMESPACE, "drift-" + release + "-registry-0", "-o", "jsonpath={.metadata.uid}");
    }

    private static long generation(String release) {
        return Long.parseLong(kubectl("get", "statefulset", "-n", NAMESPACE, "drift-" + release + "-registry",
                "-o", "jsonpath={.metadata.generation}"));
    }

    /** Copies the image from the local Docker engine into the node unless the node has it already. */
    private static void onNode(String image) {
        String images = kubectl("get", "nodes", "-o", "jsonpath={.items[*].status.images[*].names}");
        String qualified = image.contains("/") && image.substring(0, image.indexOf('/')).contains(".") ? image
                : "docker.io/" + (image.contains("/") ? "" : "library/") + image;
        if (!images.contains("\"" + qualified + "\"") && !images.contains("\"" + image + "\"")) {
            RealTools.requireDockerEngine();
            LocalCluster.loadImages(image);
        }
    }

    private static void onEngineAs(String image, String alias) {
        RealTools.requireDockerEngine();
        Commands.run("docker", "tag", image, alias);
    }

    private static String helm(String... args) {
        List<String> argv = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        return Helm.run(argv);
    }

    private static String kubectl(String... args) {
        List<String> argv = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        Commands.Result result = Commands.tryRun(Duration.ofMinutes(2), argv.toArray(String[]::new));
        if (!result.succeeded()) {
            throw new AssertionError(result.describe());
        }
        return result.stdout().strip();
    }

    /** kubernetes-VERSION, the directory scripts/local-cluster.sh builds kubectl in, from scripts/versions.env. */
    private static String kubernetesTools() {
        try {
            String versions = Files.readString(Helm.repositoryRoot().resolve("scripts/versions.env"));
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^KUBERNETES_VERSION=(\\S+)")
                    .matcher(versions);
            return "kubernetes-" + (matcher.find() ? matcher.group(1) : "missing");
        } catch (java.io.IOException e) {
            return "kubernetes-missing";
        }
    }

    private static String repository(String image) {
        return image.substring(0, image.lastIndexOf(':'));
    }

    private static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
