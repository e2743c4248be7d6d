package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.ExitCodes;
import dev.drift.ops.cli.SecureFiles;
import dev.drift.ops.cli.docker.DockerProvisioner;
import dev.drift.ops.cli.docker.DockerSettings;
import dev.drift.ops.cli.provision.ComponentStatus;
import dev.drift.ops.cli.provision.Credentials;
import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.cli.provision.Provisioner;
import dev.drift.ops.cli.provision.Readiness;
import dev.drift.ops.cli.provision.UpRequest;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The {@code k8s} target: a DriftRegistry in a cluster, reconciled by the drift-operator. {@code up}
 * installs the CRD and the operator when the cluster lacks them, applies the resource (server-side,
 * field manager {@value #FIELD_MANAGER}), waits for its Ready condition and then for {@code /readyz}
 * through the registry's NodePort on 127.0.0.1. The data directory keeps only the login (copied
 * from the instance's Secret, 0600) and a state file naming {@code namespace/name}.
 */
public final class K8sProvisioner implements Provisioner {

    /** The field manager of everything drift-ops applies; the operator has its own. */
    public static final String FIELD_MANAGER = "drift-ops";
    /** The address NodePorts answer on for this machine (kube-proxy's nodePortAddresses). */
    private static final String NODE_ADDRESS = "127.0.0.1";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final K8sSettings settings;

    public K8sProvisioner(K8sSettings settings) {
        this.settings = settings;
    }

    @Override
    public String target() {
        return K8sSettings.TARGET;
    }

    /**
     * zqlite runs from a drift-zqlite image, which reaches the node from the local Docker engine;
     * so the image is held to the ZQLite contract there, as the docker target does.
     */
    @Override
    public Optional<String> preflight(DatabaseBackend backend, Optional<String> zqliteUrl, Console console) {
        if (backend != DatabaseBackend.ZQLITE) {
            return Optional.empty();
        }
        if (zqliteUrl.isPresent()) {
            return Optional.of("--target k8s runs ZQLite from --zqlite-image inside the cluster; a --zqlite-url "
                    + "server outside it is not supported");
        }
        DockerSettings images = DockerSettings.defaults();
        return new DockerProvisioner(new DockerSettings(Optional.empty(), images.driftImage(), images.postgresImage(),
                settings.zqliteImage(), images.seaweedfsImage())).preflight(backend, Optional.empty(), console);
    }

    @Override
    public Provisioner named(String instance) {
        return new K8sProvisioner(settings.withInstance(instance));
    }

    @Override
    public Deployment up(UpRequest request, Console console) {
        Optional<String> refused = request.backend() == DatabaseBackend.ZQLITE && request.zqliteUrl().isPresent()
                ? preflight(request.backend(), request.zqliteUrl(), console) : Optional.empty();
        if (refused.isPresent()) {
            throw CliException.usage(refused.get());
        }
        DataDir dataDir = request.dataDir();
        InstanceRef ref = InstanceRef.choose(settings, dataDir);
        try (KubernetesClient client = KubeClients.connect(settings)) {
            console.info("cluster " + client.getMasterUrl() + " (Kubernetes " + client.getKubernetesVersion().getGitVersion()
                    + "), " + (settings.via() == Via.HELM ? "helm release " : "DriftRegistry ") + ref);
            refuseTheOtherWay(client, ref);
            if (settings.via() == Via.OPERATOR) {
                if (System.getenv(JvmOptions.USER_ENV) != null) {
                    // A DriftRegistry has no place for JVM options; the chart has (javaOptions).
                    console.info(JvmOptions.USER_ENV + " is not applied --via operator (a DriftRegistry takes no JVM "
                            + "options); Drift runs with the defaults. --via helm passes it as the chart's javaOptions");
                }
                new OperatorInstaller(client, console).ensure(settings.operatorImage(), request.readyTimeout());
            }
            client.namespaces().resource(new NamespaceBuilder()
                    .withNewMetadata().withName(ref.namespace()).endMetadata().build())
                    .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            request.postgres().ifPresent(external -> client.secrets().inNamespace(ref.namespace())
                    .resource(new SecretBuilder().withNewMetadata().withName(RegistryResource.externalUrlSecret(ref.name()))
                            .endMetadata().withStringData(Map.of("url", external.urlWithPassword().reveal())).build())
                    .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
            SecureFiles.ownerOnlyDirectory(dataDir.root());
            Deployment pending = new Deployment(target(), request.backend(), dataDir, "-", Credentials.DEFAULT_USER,
                    List.of(), ref.toString());
            // Recorded before anything is installed, so down finds whatever a broken-off up left.
            pending.save();
            if (settings.via() == Via.HELM) {
                new HelmRelease(settings, console).install(ref, request);
            } else {
                DriftRegistry resource = RegistryResource.of(ref.namespace(), ref.name(), request, settings);
                client.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                console.info("  DriftRegistry " + ref + ": applied");
                new ReadyWait(client, ref, console).await(request.readyTimeout());
            }

            String url = nodeUrl(client, ref).orElseThrow(() -> CliException.provisioning("the Service "
                    + Layout.container(ref.name(), Layout.REGISTRY) + " has no node port; is the operator (or chart) the "
                    + "one of this drift-ops?"));
            if (!Readiness.await(url, request.readyTimeout(), () -> true, console)) {
                throw CliException.provisioning("Drift " + ref + " is ready in the cluster, but " + url + "/readyz does not "
                        + "answer from this machine; NodePorts must answer on 127.0.0.1 (kube-proxy nodePortAddresses)");
            }
            Credentials login = LoginSecret.read(client, ref);
            login.save(dataDir.credentials());
            Deployment deployment = new Deployment(target(), request.backend(), dataDir, url, login.user(), List.of(),
                    ref.toString());
            deployment.save();
            console.info("login copied from Secret " + LoginSecret.name(client, ref) + " to " + dataDir.credentials());
            return deployment;
        } catch (KubernetesClientException e) {
            throw CliException.provisioning("the API server refused: " + KubeClients.rootMessage(e));
        } catch (IOException e) {
            throw CliException.io("cannot prepare " + dataDir.root() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ComponentStatus> status(Deployment deployment) {
        InstanceRef ref = InstanceRef.parse(deployment.instance());
        try (KubernetesClient client = KubeClients.connect(settings)) {
            List<ComponentStatus> rows = new ArrayList<>();
            DriftRegistry resource = client.resources(DriftRegistry.class).inNamespace(ref.namespace())
                    .withName(ref.name()).get();
            boolean release = resource == null && HelmRelease.installed(client, ref);
            if (resource == null && !release) {
                rows.add(new ComponentStatus("driftregistry", ref.toString(), "missing", deployment.url()));
                return rows;
            }
            for (Pod pod : pods(client, ref)) {
                String component = pod.getMetadata().getLabels().getOrDefault(ReadyWait.COMPONENT_LABEL, "?");
                boolean registry = component.equals(Layout.REGISTRY);
                String health = PodHealth.of(pod);
                if (registry && health.equals("ready")) {
                    health = Readiness.check(deployment.url());
                }
                rows.add(new ComponentStatus(component, pod.getMetadata().getName(), health,
                        registry ? deployment.url() : Layout.container(ref.name(), component) + "." + ref.namespace()));
            }
            if (rows.stream().noneMatch(row -> row.component().equals(Layout.REGISTRY))) {
                String reason = release ? "no pod of helm release " + ref : ReadyWait.readyReason(resource);
                rows.add(new ComponentStatus(Layout.REGISTRY, "-", "missing (" + reason + ")", deployment.url()));
            }
            return rows;
        }
    }

    @Override
    public void logs(Deployment deployment, String component, int lines, boolean follow, Consumer<String> sink)
            throws IOException {
        InstanceRef ref = InstanceRef.parse(deployment.instance());
        String pod = Layout.container(ref.name(), component) + "-0";
        try (KubernetesClient client = KubeClients.connect(settings)) {
            var selected = client.pods().inNamespace(ref.namespace()).withName(pod);
            if (selected.get() == null) {
                throw new CliException(ExitCodes.NOT_RUNNING, "no pod " + pod + " in " + ref.namespace()
                        + " (components: registry, postgres, zqlite; is the instance up?)");
            }
            if (!follow) {
                Arrays.stream(selected.tailingLines(lines).getLog().split("\n", -1))
                        .filter(line -> !line.isEmpty()).forEach(sink);
                return;
            }
            try (LogWatch watch = selected.tailingLines(lines).watchLog();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(sink);
            }
        }
    }

    @Override
    public Optional<Deployment> find(String name, DataDir dataDir) {
        InstanceRef ref = new InstanceRef(settings.namespace(), name);
        try (KubernetesClient client = KubeClients.connect(settings)) {
            DriftRegistry resource = client.resources(DriftRegistry.class).inNamespace(ref.namespace()).withName(name).get();
            boolean release = resource == null && HelmRelease.installed(client, ref);
            boolean claimsLeft = !claims(client, ref).isEmpty();
            if (resource == null && !release && !claimsLeft) {
                return Optional.empty();
            }
            DatabaseBackend backend = resource != null ? resource.getSpec().backend().database()
                    : release ? HelmRelease.backend(client, ref) : DatabaseBackend.SQLITE;
            String url = resource == null && !release ? "-" : nodeUrl(client, ref).orElse("-");
            return Optional.of(new Deployment(target(), backend, dataDir, url, Credentials.DEFAULT_USER, List.of(),
                    ref.toString()));
        }
    }

    /**
     * Deletes the DriftRegistry (the operator's owner references take everything it made with it), or uninstalls the
     * helm release; the data claims stay, and so does a bundled PostgreSQL's password, unless {@code purge}.
     */
    @Override
    public void down(Deployment deployment, boolean purge, Console console) {
        InstanceRef ref = InstanceRef.parse(deployment.instance());
        try (KubernetesClient client = KubeClients.connect(settings)) {
            var resource = client.resources(DriftRegistry.class).inNamespace(ref.namespace()).withName(ref.name());
            if (resource.get() != null) {
                resource.withTimeout(2, java.util.concurrent.TimeUnit.MINUTES).delete();
                console.info("  DriftRegistry " + ref + ": deleted (the operator's objects go with it)");
            } else if (HelmRelease.installed(client, ref)) {
                new HelmRelease(settings, console).uninstall(ref);
            }
            client.secrets().inNamespace(ref.namespace()).withName(RegistryResource.externalUrlSecret(ref.name())).delete();
            awaitGone(() -> !pods(client, ref).isEmpty(), "the pods of " + ref, console);
            if (purge) {
                for (String claim : claims(client, ref)) {
                    client.persistentVolumeClaims().inNamespace(ref.namespace()).withName(claim).delete();
                    console.info("  claim " + claim + ": deleted");
                }
                // The chart keeps its bundled PostgreSQL's password after uninstall, as it keeps the claim.
                var kept = client.secrets().inNamespace(ref.namespace()).withName(Layout.container(ref.name(), Layout.POSTGRES));
                var secret = kept.get();
                if (secret != null && "Helm".equals(secret.getMetadata().getLabels().get(HelmRelease.MANAGED_BY))) {
                    kept.delete();
                    console.info("  Secret " + secret.getMetadata().getName() + ": deleted");
                }
                // A claim goes once no pod uses it (pvc-protection); purge returns when the data is gone.
                awaitGone(() -> !claims(client, ref).isEmpty(), "the claims of " + ref, console);
            }
        }
        if (purge) {
            deployment.dataDir().purge(console);
        } else {
            try {
                deployment.delete();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One instance name is one set of objects: a DriftRegistry and a helm release of that name cannot both exist. */
    private void refuseTheOtherWay(KubernetesClient client, InstanceRef ref) {
        boolean resource = client.resources(DriftRegistry.class).inNamespace(ref.namespace()).withName(ref.name()).get()
                != null;
        if (settings.via() == Via.HELM && resource) {
            throw CliException.usage("DriftRegistry " + ref + " exists (installed --via operator); stop it with "
                    + "drift-ops down --target k8s --name " + ref.name() + ", or keep --via operator");
        }
        if (settings.via() == Via.OPERATOR && HelmRelease.installed(client, ref)) {
            throw CliException.usage("helm release " + ref + " exists (installed --via helm); stop it with "
                    + "drift-ops down --target k8s --name " + ref.name() + ", or add --via helm");
        }
    }

    /** In the foreground: until the DriftRegistry is deleted or the helm release uninstalled (or Ctrl-C). */
    @Override
    public void awaitExit(Deployment deployment) throws InterruptedException {
        InstanceRef ref = InstanceRef.parse(deployment.instance());
        try (KubernetesClient client = KubeClients.connect(settings)) {
            while (client.resources(DriftRegistry.class).inNamespace(ref.namespace()).withName(ref.name()).get() != null
                    || HelmRelease.installed(client, ref)) {
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** http://127.0.0.1:NODEPORT of the registry's Service, once it has one. */
    private static Optional<String> nodeUrl(KubernetesClient client, InstanceRef ref) {
        Service service = client.services().inNamespace(ref.namespace())
                .withName(Layout.container(ref.name(), Layout.REGISTRY)).get();
        if (service == null || service.getSpec().getPorts().isEmpty()) {
            return Optional.empty();
        }
        Integer nodePort = service.getSpec().getPorts().getFirst().getNodePort();
        return nodePort == null ? Optional.empty() : Optional.of("http://" + NODE_ADDRESS + ":" + nodePort);
    }

    private static List<Pod> pods(KubernetesClient client, InstanceRef ref) {
        return client.pods().inNamespace(ref.namespace()).withLabel(ReadyWait.INSTANCE_LABEL, ref.name()).list().getItems();
    }

    private static List<String> claims(KubernetesClient client, InstanceRef ref) {
        return client.persistentVolumeClaims().inNamespace(ref.namespace())
                .withLabel(ReadyWait.INSTANCE_LABEL, ref.name()).list().getItems().stream()
                .map(claim -> claim.getMetadata().getName()).toList();
    }

    /** Waits, at most 2 minutes, until {@code remaining} is false; says so when it is not by then. */
    private static void awaitGone(BooleanSupplier remaining, String what, Console console) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (remaining.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                console.endWait(what + ": still there after 2 min");
                return;
            }
            console.tick("waiting for " + what + " to go");
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        console.endWait("gone");
    }
}
