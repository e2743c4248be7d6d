package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.k8s.K8sSettings;
import dev.drift.ops.cli.provision.Credentials;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.install.OperatorInstall;
import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.LocalCluster;
import dev.drift.ops.testkit.OciLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --target k8s} on the real local cluster, with the operator running as a pod from the
 * image this build makes: a multi-layer image pushed with skopeo survives the registry pod's
 * deletion, a roll to another Drift image, the operator pod's deletion, a new password in the login
 * Secret (the pod rolls, only the new login works) and a down and up; a second
 * up writes nothing; down keeps the data claim and down --purge removes it. The same through
 * {@code --via helm}: the bundled chart instead of the operator, status, down and up again with the image kept.
 */
class K8sTargetIT {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Pattern READY_URL = Pattern.compile("Drift is ready at (http://127\\.0\\.0\\.1:(\\d+))");

    @TempDir
    Path temp;

    private Path kubeconfig;
    private KubernetesClient client;
    private String name;

    @BeforeEach
    void cluster() {
        kubeconfig = LocalCluster.require();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, read(kubeconfig),
                kubeconfig.toString())).build();
        name = "itk-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }

    @AfterEach
    void removeEverythingTheTestMade() {
        CliRun.of("down", "--purge", "--target", "k8s", "--name", name, "--kubeconfig", kubeconfig.toString(),
                "--data-dir", temp.resolve("data").toString());
        client.close();
    }

    @Test
    void sqliteKeepsItsImagesThroughPodDeletionRollOperatorRestartAndDownUp() throws Exception {
        String drift = DockerImagesForTests.drift();
        String operator = DockerImagesForTests.operator();
        String rolled = drift + "-rolled";
        Commands.run("docker", "tag", drift, rolled);
        LocalCluster.loadImages(drift, rolled, operator);
        Path data = temp.resolve("data");

        CliRun first = up(data, drift, operator);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Matcher ready = READY_URL.matcher(first.out());
        assertThat(ready.find()).as(first.out()).isTrue();
        String url = ready.group(1);
        String registry = "127.0.0.1:" + ready.group(2);
        assertThat(first.err()).contains("DriftRegistry default/" + name + ": applied");

        OciLayout.Image image = OciLayout.writeImage(temp.resolve("layout"), "v1", name);
        Path auth = authFile(data, registry);
        String remote = "docker://" + registry + "/k8s/app:v1";
        Commands.run("skopeo", "copy", "--dest-tls-verify=false", "--authfile", auth.toString(),
                "oci:" + temp.resolve("layout") + ":v1", remote);
        assertThat(manifestDigest(auth, remote)).isEqualTo(image.manifestDigest());

        // A second up with the same settings writes nothing: no object of the instance changes.
        Map<String, String> versions = resourceVersions();
        CliRun second = up(data, drift, operator);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).doesNotContain(": created", ": updated");
        assertThat(resourceVersions()).isEqualTo(versions);

        // The registry pod deleted: the StatefulSet brings it back on the same claim.
        String podName = "drift-" + name + "-registry-0";
        String uid = pod(podName).getMetadata().getUid();
        client.pods().inNamespace("default").withName(podName).delete();
        awaitReadyPod(podName, uid);
        assertSameImage(copiedBack(auth, remote, "after-delete"), image);

        // Another Drift image: the pod rolls, the data stays.
        uid = pod(podName).getMetadata().getUid();
        CliRun roll = up(data, rolled, operator);
        assertThat(roll.exitCode()).as(roll.toString()).isZero();
        awaitRolledTo(podName, uid, rolled);
        assertSameImage(copiedBack(auth, remote, "after-roll"), image);

        // The operator deleted right after a change: its replacement converges on the change.
        uid = pod(podName).getMetadata().getUid();
        client.resources(DriftRegistry.class).inNamespace("default").withName(name)
                .edit(resource -> withImage(resource, drift));
        client.pods().inNamespace(K8sSettings.OPERATOR_NAMESPACE).withLabel("app.kubernetes.io/name", OperatorInstall.NAME).delete();
        awaitRolledTo(podName, uid, drift);
        assertSameImage(copiedBack(auth, remote, "after-operator"), image);

        // A new password in the login Secret: the pod rolls, the new login works, the old one no longer.
        uid = pod(podName).getMetadata().getUid();
        String oldToken = basicToken(Credentials.load(data.resolve("credentials")));
        client.secrets().inNamespace("default").withName("drift-" + name + "-auth")
                .edit(secret -> {
                    secret.setData(Map.of("username", secret.getData().get("username"),
                            "password", Base64.getEncoder().encodeToString(("rotated-" + name).getBytes(StandardCharsets.UTF_8))));
                    return secret;
                });
        awaitRolledTo(podName, uid, drift);
        CliRun relogin = up(data, drift, operator);
        assertThat(relogin.exitCode()).as(relogin.toString()).isZero();
        assertThat(Credentials.load(data.resolve("credentials")).password().reveal()).isEqualTo("rotated-" + name);
        assertThat(statusOf(url + "/v2/", oldToken)).isEqualTo(401);
        assertThat(statusOf(url + "/v2/", basicToken(Credentials.load(data.resolve("credentials"))))).isEqualTo(200);
        auth = authFile(data, registry);
        assertSameImage(copiedBack(auth, remote, "after-rotation"), image);

        // down keeps the claim; up again finds the image; down --purge removes the claim.
        CliRun down = CliRun.of("down", "--data-dir", data.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(client.resources(DriftRegistry.class).inNamespace("default").withName(name).get()).isNull();
        assertThat(claims()).isNotEmpty();
        assertThat(client.apps().statefulSets().inNamespace("default").withName("drift-" + name + "-registry").get())
                .as("owned objects go with the resource").isNull();

        CliRun again = up(data, drift, operator);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        Matcher readyAgain = READY_URL.matcher(again.out());
        assertThat(readyAgain.find()).isTrue();
        String remoteAgain = "docker://127.0.0.1:" + readyAgain.group(2) + "/k8s/app:v1";
        Path authAgain = authFile(data, "127.0.0.1:" + readyAgain.group(2));
        assertSameImage(copiedBack(authAgain, remoteAgain, "after-reinstall"), image);

        CliRun purge = CliRun.of("down", "--purge", "--data-dir", data.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertThat(claims()).isEmpty();
        assertThat(url).startsWith("http://127.0.0.1:");
    }

    @Test
    void viaHelmInstallsTheChartServesStatusAndKeepsItsImageThroughDownAndUp() throws Exception {
        String drift = DockerImagesForTests.drift();
        LocalCluster.loadImages(drift);
        Path data = temp.resolve("data");

        CliRun first = upViaHelm(data, drift);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("helm release default/" + name + ": deployed");
        Matcher ready = READY_URL.matcher(first.out());
        assertThat(ready.find()).as(first.out()).isTrue();
        String registry = "127.0.0.1:" + ready.group(2);
        assertThat(client.resources(DriftRegistry.class).inNamespace("default").withName(name).get())
                .as("no DriftRegistry: the chart, not the operator").isNull();
        assertThat(client.apps().statefulSets().inNamespace("default").withName("drift-" + name + "-registry").get()
                .getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");

        OciLayout.Image image = OciLayout.writeImage(temp.resolve("layout"), "v1", name);
        Path auth = authFile(data, registry);
        String remote = "docker://" + registry + "/helm/app:v1";
        Commands.run("skopeo", "copy", "--dest-tls-verify=false", "--authfile", auth.toString(),
                "oci:" + temp.resolve("layout") + ":v1", remote);

        CliRun status = CliRun.of("status", "--data-dir", data.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("registry").contains("ready").contains(ready.group(1));

        CliRun other = up(data, drift, DockerImagesForTests.operator());
        assertThat(other.exitCode()).as("one name, one way of installing: " + other).isEqualTo(2);
        assertThat(other.err()).contains("helm release default/" + name + " exists (installed --via helm)");

        CliRun down = CliRun.of("down", "--data-dir", data.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.err()).contains("helm release default/" + name + ": uninstalled");
        assertThat(claims()).as("the chart keeps the claim").isNotEmpty();

        CliRun again = upViaHelm(data, drift);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        Matcher readyAgain = READY_URL.matcher(again.out());
        assertThat(readyAgain.find()).isTrue();
        String registryAgain = "127.0.0.1:" + readyAgain.group(2);
        assertSameImage(copiedBack(authFile(data, registryAgain), "docker://" + registryAgain + "/helm/app:v1",
                "after-helm-reinstall"), image);

        CliRun purge = CliRun.of("down", "--purge", "--data-dir", data.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertThat(claims()).isEmpty();
    }

    private CliRun upViaHelm(Path data, String drift) {
        return CliRun.of("up", "-d", "--target", "k8s", "--via", "helm", "--name", name, "--backend", "sqlite",
                "--drift-image", drift, "--data-dir", data.toString(), "--kubeconfig", kubeconfig.toString(),
                "--wait", Long.toString(WAIT.toSeconds()));
    }

    private CliRun up(Path data, String drift, String operator) {
        return CliRun.of("up", "-d", "--target", "k8s", "--name", name, "--backend", "sqlite", "--drift-image", drift,
                "--operator-image", operator, "--data-dir", data.toString(), "--kubeconfig", kubeconfig.toString(),
                "--wait", Long.toString(WAIT.toSeconds()));
    }

    private static String basicToken(Credentials login) {
        return Base64.getEncoder().encodeToString((login.user() + ":" + login.password().reveal())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int statusOf(String url, String basicToken) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + basicToken).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** skopeo's login for Drift as a 0600 auth file, so no password is on a command line. */
    private static Path authFile(Path data, String registry) throws Exception {
        String token = basicToken(Credentials.load(data.resolve("credentials")));
        Path file = data.resolveSibling("auth-" + registry.replace(':', '-') + ".json");
        Files.writeString(file, "{\"auths\": {\"" + registry + "\": {\"auth\": \"" + token + "\"}}}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String manifestDigest(Path auth, String remote) {
        String raw = Commands.run("skopeo", "inspect", "--raw", "--tls-verify=false", "--authfile", auth.toString(), remote);
        return OciLayout.sha256(raw.getBytes(StandardCharsets.UTF_8));
    }

    private OciLayout.Image copiedBack(Path auth, String remote, String label) throws Exception {
        Path layout = temp.resolve("copy-" + label);
        Commands.run("skopeo", "copy", "--src-tls-verify=false", "--authfile", auth.toString(), remote,
                "oci:" + layout + ":v1");
        return OciLayout.readImage(layout, "v1");
    }

    /** The same image: manifest digest and every blob's digest (the record's byte[] compares by identity). */
    private static void assertSameImage(OciLayout.Image copied, OciLayout.Image pushed) {
        assertThat(copied.manifestDigest()).isEqualTo(pushed.manifestDigest());
        assertThat(copied.blobDigests()).containsExactlyElementsOf(pushed.blobDigests());
    }

    /** resourceVersion of every object of the instance, and of the resource itself. */
    private Map<String, String> resourceVersions() {
        Map<String, String> versions = new TreeMap<>();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(client.resources(DriftRegistry.class).inNamespace("default").withName(name).get());
        objects.addAll(client.apps().statefulSets().inNamespace("default").withLabel(Layout.INSTANCE_LABEL, name)
                .list().getItems());
        objects.addAll(client.services().inNamespace("default").withLabel(Layout.INSTANCE_LABEL, name)
                .list().getItems());
        objects.addAll(client.configMaps().inNamespace("default").withLabel(Layout.INSTANCE_LABEL, name)
                .list().getItems());
        objects.addAll(client.secrets().inNamespace("default").withLabel(Layout.INSTANCE_LABEL, name)
                .list().getItems());
        for (HasMetadata object : objects) {
            versions.put(object.getKind() + "/" + object.getMetadata().getName(), object.getMetadata().getResourceVersion());
        }
        assertThat(versions).hasSizeGreaterThanOrEqualTo(4);
        return versions;
    }

    private List<String> claims() {
        return client.persistentVolumeClaims().inNamespace("default").withLabel(Layout.INSTANCE_LABEL, name)
                .list().getItems().stream().map(claim -> claim.getMetadata().getName()).toList();
    }

    private Pod pod(String podName) {
        return client.pods().inNamespace("default").withName(podName).get();
    }

    private static DriftRegistry withImage(DriftRegistry resource, String image) {
        DriftRegistrySpec spec = resource.getSpec();
        resource.setSpec(new DriftRegistrySpec(spec.backend(), image, spec.imagePullPolicy(), spec.replicas(),
                spec.storage(), spec.postgres(), spec.zqlite(), spec.auth(), spec.service()));
        return resource;
    }

    private void awaitRolledTo(String podName, String previousUid, String image) {
        awaitTrue(() -> {
            Pod current = pod(podName);
            return current != null && !current.getMetadata().getUid().equals(previousUid) && isReady(current)
                    && current.getSpec().getContainers().getFirst().getImage().equals(image);
        }, podName + " rolled to " + image);
    }

    private void awaitReadyPod(String podName, String previousUid) {
        awaitTrue(() -> {
            Pod current = pod(podName);
            return current != null && !current.getMetadata().getUid().equals(previousUid) && isReady(current);
        }, podName + " back and ready");
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(condition -> condition.getType().equals("Ready") && condition.getStatus().equals("True"));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
