package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private static final String NAMESPACE = "helm-it-" + ProcessHandle.current().pid();
    private static final Duration WAIT = OnCluster.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** $DRIFT_IMAGE, else the image ChartImages builds from this build's jar. */
    private static String driftImage;
    private static final String POSTGRES_IMAGE = env("DRIFT_POSTGRES_IMAGE").orElse("drift-local/postgres:latest");
    /** The postgres group of that image (Debian's package makes it), which may read the server's key. */
    private static final int POSTGRES_GID = 102;
    /** The same Drift under a second tag: what the upgrade moves to. */
    private static final String UPGRADE_IMAGE = "drift-charts-it/drift:" + ProcessHandle.current().pid() + "-upgraded";

    private static OnCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = OnCluster.require();
        driftImage = env("DRIFT_IMAGE").orElseGet(ChartImages::drift);
        cluster.kubectl("create", "namespace", NAMESPACE);
    }

    @AfterAll
    static void cleanUp() {
        if (cluster == null) {
            return;
        }
        for (String release : cluster.helm("list", "-q", "-n", NAMESPACE).lines().filter(line -> !line.isBlank()).toList()) {
            cluster.tryHelm("uninstall", release, "-n", NAMESPACE, "--wait");
        }
        // The claims go with the namespace; the cluster wipes Released volumes and makes them Available again.
        cluster.tryKubectl("delete", "namespace", NAMESPACE, "--wait=true", "--timeout=150s");
        Commands.tryRun(Duration.ofMinutes(1), "docker", "rmi", UPGRADE_IMAGE);
    }

    @Test
    void renderedObjectsPassTheApiServersDryRun() throws Exception {
        for (ChartRenderTest.Case c : ChartRenderTest.matrix()) {
            List<String> args = new ArrayList<>(List.of("template", "dry", Helm.CHART.toString(), "-n", NAMESPACE));
            args.addAll(Helm.sets(c.values()));
            Commands.Result result = cluster.dryRun(NAMESPACE, Helm.run(args));
            assertThat(result.succeeded()).as(c + ": " + result.describe()).isTrue();
        }
    }

    @Test
    void sqliteInstallsPassesHelmTestAndKeepsItsDataThroughUpgradeAndReinstall() throws Exception {
        cluster.onNode(driftImage);
        String release = "hs";
        List<String> values = List.of("--set", "service.type=NodePort", "--set", "image.pullPolicy=IfNotPresent",
                "--set", "image.repository=" + repository(driftImage), "--set", "image.tag=" + tag(driftImage));
        install(release, values);
        helmTest(release);

        cluster.e2e(NAMESPACE, release, "charts/drift (sqlite)");
        Registry registry = cluster.registry(NAMESPACE, release);
        Registry.Pushed pushed = registry.push("it/keep", "v1", "kept through upgrades " + System.nanoTime());
        String podBefore = podUid(release);
        long generation = generation(release);

        // Nothing changed: nothing rolls.
        cluster.helm("upgrade", release, Helm.CHART.toString(), "-n", NAMESPACE, "--reuse-values", "--wait",
                "--timeout", WAIT.toSeconds() + "s");
        assertThat(generation(release)).as("an upgrade without a change leaves the StatefulSet as it was")
                .isEqualTo(generation);
        assertThat(podUid(release)).isEqualTo(podBefore);

        // A value and the image tag change: the pod rolls, onto the same claim.
        onEngineAs(driftImage, UPGRADE_IMAGE);
        cluster.onNode(UPGRADE_IMAGE);
        cluster.helm("upgrade", release, Helm.CHART.toString(), "-n", NAMESPACE, "--reuse-values", "--wait",
                "--timeout", WAIT.toSeconds() + "s", "--set", "image.repository=" + repository(UPGRADE_IMAGE),
                "--set", "image.tag=" + tag(UPGRADE_IMAGE), "--set", "podAnnotations.upgraded=yes");
        assertThat(podUid(release)).as("the pod rolled").isNotEqualTo(podBefore);
        assertThat(cluster.kubectl("get", "pod", "-n", NAMESPACE, "drift-" + release + "-registry-0",
                "-o", "jsonpath={.spec.containers[0].image}")).isEqualTo(UPGRADE_IMAGE);
        assertThat(cluster.registry(NAMESPACE, release).pull("it/keep", "v1", pushed)).as("pulled after the upgrade").isEqualTo(pushed);

        // Uninstall keeps the claim; a reinstall under the same name finds the image.
        cluster.helm("uninstall", release, "-n", NAMESPACE, "--wait");
        assertThat(cluster.kubectl("get", "pvc", "-n", NAMESPACE, "-o", "name"))
                .contains("persistentvolumeclaim/data-drift-" + release + "-registry-0");
        install(release, values);
        assertThat(cluster.registry(NAMESPACE, release).pull("it/keep", "v1", pushed)).as("pulled after a reinstall").isEqualTo(pushed);
    }

    @Test
    void postgresInstallsPassesHelmTestAndKeepsItsDatabaseThroughReinstall() throws Exception {
        cluster.onNode(driftImage);
        cluster.onNode(POSTGRES_IMAGE);
        String release = "hp";
        List<String> values = List.of("--set", "backend=postgres", "--set", "service.type=NodePort",
                "--set", "image.repository=" + repository(driftImage), "--set", "image.tag=" + tag(driftImage),
                "--set", "postgresql.image=" + POSTGRES_IMAGE);
        install(release, values);
        helmTest(release);
        cluster.e2e(NAMESPACE, release, "charts/drift (postgres)");
        Registry.Pushed pushed = cluster.registry(NAMESPACE, release).push("it/pg", "v1", "kept in postgres " + System.nanoTime());
        String password = cluster.secret(NAMESPACE, "drift-" + release + "-postgres", "postgres_password");

        cluster.helm("uninstall", release, "-n", NAMESPACE, "--wait");
        assertThat(cluster.secret(NAMESPACE, "drift-" + release + "-postgres", "postgres_password"))
                .as("the database's password outlives the release, like its claim").isEqualTo(password);
        install(release, values);
        assertThat(cluster.registry(NAMESPACE, release).pull("it/pg", "v1", pushed)).as("pulled after a reinstall").isEqualTo(pushed);
    }

    /**
     * The user's PostgreSQL speaks TLS only and asks for a client certificate (pg_hba: hostssl, clientcert=verify-full);
     * Drift reaches it with the URL, CA and client certificate from the user's Secrets, the server's name verified.
     */
    @Test
    void externalPostgresOverTlsWithAClientCertificateFromTheUsersSecretsPassesHelmTestAndTheSuite() throws Exception {
        cluster.onNode(driftImage);
        cluster.onNode(POSTGRES_IMAGE);
        Path tls = Files.createTempDirectory("ext-pg-tls-");
        TestCertificates.authority(tls, "drift-it-ca");
        TestCertificates.signed(tls, "server", "ext-pg", "DNS:ext-pg");
        TestCertificates.signed(tls, "client", "app", null);
        Files.writeString(tls.resolve("pg_hba.conf"), """
                local all all trust
                host all all 127.0.0.1/32 trust
                hostssl all all all scram-sha-256 clientcert=verify-full
                """);
        String password = "ext-" + Long.toHexString(System.nanoTime());
        String url = "postgres://app:%s@ext-pg:5432/registry?sslmode=verify-full&sslrootcert=%s/%s&sslcert=%s/%s&sslkey=%s/%s"
                .formatted(password, Layout.POSTGRES_TLS_DIR, Layout.POSTGRES_TLS_CA, Layout.POSTGRES_TLS_DIR,
                        Layout.POSTGRES_TLS_CERT, Layout.POSTGRES_TLS_DIR, Layout.POSTGRES_TLS_KEY);
        cluster.kubectl("create", "secret", "generic", "ext-pg-server", "-n", NAMESPACE,
                "--from-file=" + tls.resolve("server.crt"), "--from-file=" + tls.resolve("server.key"),
                "--from-file=" + tls.resolve("ca.crt"), "--from-file=" + tls.resolve("pg_hba.conf"));
        cluster.kubectl("create", "secret", "generic", "ext-pg-ca", "-n", NAMESPACE, "--from-file=" + tls.resolve("ca.crt"));
        cluster.kubectl("create", "secret", "generic", "ext-pg-client", "-n", NAMESPACE,
                "--from-file=tls.crt=" + tls.resolve("client.crt"), "--from-file=tls.key=" + tls.resolve("client.pk8"));
        TestCertificates.delete(tls);
        cluster.apply(NAMESPACE, JSON.writeValueAsString(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "ext-pg"), "stringData", Map.of("password", password, "url", url))));
        cluster.apply(NAMESPACE, """
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
                  # The key must be the server's alone or root's and its group's: root-owned, 0640, group postgres.
                  securityContext: {fsGroup: %2$d, seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: postgres
                      image: %1$s
                      imagePullPolicy: IfNotPresent
                      args: [-c, ssl=on, -c, ssl_cert_file=/tls/server.crt, -c, ssl_key_file=/tls/server.key,
                             -c, ssl_ca_file=/tls/ca.crt, -c, hba_file=/tls/pg_hba.conf]
                      securityContext: {allowPrivilegeEscalation: false}
                      env:
                        - {name: POSTGRES_USER, value: app}
                        - {name: POSTGRES_DB, value: registry}
                        - {name: POSTGRES_PASSWORD_FILE, value: /run/secrets/pg/password}
                      ports: [{containerPort: 5432}]
                      readinessProbe:
                        exec: {command: [pg_isready, -h, 127.0.0.1, -U, app, -d, registry]}
                        periodSeconds: 2
                      volumeMounts:
                        - {name: pg, mountPath: /run/secrets/pg, readOnly: true}
                        - {name: tls, mountPath: /tls, readOnly: true}
                  volumes:
                    - name: pg
                      secret: {secretName: ext-pg, defaultMode: 0444, items: [{key: password, path: password}]}
                    - name: tls
                      secret: {secretName: ext-pg-server, defaultMode: 0640}
                """.formatted(POSTGRES_IMAGE, POSTGRES_GID));
        cluster.kubectl("wait", "-n", NAMESPACE, "--for=condition=Ready", "pod/ext-pg", "--timeout=180s");

        String release = "he";
        install(release, List.of("--set", "backend=postgres", "--set", "postgresql.external.enabled=true",
                "--set", "postgresql.external.urlSecret.name=ext-pg", "--set", "postgresql.external.urlSecret.key=url",
                "--set", "postgresql.external.tls.caSecret.name=ext-pg-ca",
                "--set", "postgresql.external.tls.clientSecret.name=ext-pg-client",
                "--set", "service.type=NodePort", "--set", "image.repository=" + repository(driftImage),
                "--set", "image.tag=" + tag(driftImage)));
        assertThat(cluster.kubectl("get", "statefulset", "-n", NAMESPACE, "-o", "name"))
                .doesNotContain("drift-" + release + "-postgres");
        assertThat(cluster.kubectl("exec", "-n", NAMESPACE, "ext-pg", "--", "psql", "-h", "127.0.0.1", "-U", "app",
                "-d", "registry", "-tAc", "select count(*) from pg_stat_ssl join pg_stat_activity using (pid) "
                        + "where ssl and client_dn like '%CN=app%' and datname = 'registry'"))
                .as("Drift's connections use TLS with the client certificate").isNotEqualTo("0");
        helmTest(release);
        cluster.e2e(NAMESPACE, release, "charts/drift (external postgres over TLS, client certificate)");
    }

    @Test
    void aLoginSecretOfTheUsersRollsDriftWhenItsContentChangesAndOnlyThen() throws Exception {
        cluster.onNode(driftImage);
        String release = "hx";
        login("my-login", "first-" + Long.toHexString(System.nanoTime()));
        install(release, List.of("--set", "auth.existingSecret=my-login", "--set", "image.repository="
                + repository(driftImage), "--set", "image.tag=" + tag(driftImage)));
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
        cluster.apply(NAMESPACE, JSON.writeValueAsString(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", name), "stringData",
                Map.of("username", "me", "password", password, "basic_users", entry))));
    }

    private static void upgrade(String release) {
        cluster.helm("upgrade", release, Helm.CHART.toString(), "-n", NAMESPACE, "--reuse-values", "--wait",
                "--timeout", WAIT.toSeconds() + "s");
    }

    private static void install(String release, List<String> values) {
        List<String> args = new ArrayList<>(List.of("install", release, Helm.CHART.toString(), "-n", NAMESPACE,
                "--wait", "--timeout", WAIT.toSeconds() + "s"));
        args.addAll(values);
        long start = System.nanoTime();
        cluster.helm(args.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format("helm install %s (%s) -> ready in %.1f s", release,
                values.contains("postgresql.external.enabled=true") ? "external postgres"
                        : values.contains("backend=postgres") ? "bundled postgres" : "sqlite", seconds);
        OnCluster.record(line);
    }

    private static void helmTest(String release) {
        Commands.Result result = cluster.tryHelm("test", release, "-n", NAMESPACE, "--logs", "--timeout", "300s");
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stdout()).contains("Phase:          Succeeded")
                .contains("pushed, pulled and deleted a manifest and its blobs");
    }

    private static String podUid(String release) {
        return cluster.kubectl("get", "pod", "-n", NAMESPACE, "drift-" + release + "-registry-0", "-o", "jsonpath={.metadata.uid}");
    }

    private static long generation(String release) {
        return Long.parseLong(cluster.kubectl("get", "statefulset", "-n", NAMESPACE, "drift-" + release + "-registry",
                "-o", "jsonpath={.metadata.generation}"));
    }

    private static void onEngineAs(String image, String alias) {
        RealTools.requireDockerEngine();
        Commands.run("docker", "tag", image, alias);
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
