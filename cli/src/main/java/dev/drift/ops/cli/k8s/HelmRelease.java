package dev.drift.ops.cli.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.SecureFiles;
import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Processes;
import dev.drift.ops.cli.provision.UpRequest;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.operator.model.ObjectNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;

/**
 * {@code up --target k8s --via helm}: Drift as a release of the bundled charts/drift, named after the instance, with
 * the same choices {@link RegistryResource} gives a DriftRegistry (backend, images, a NodePort Service). The values go
 * to helm in a file, and hold no secret: the chart makes the login, and an external PostgreSQL's URL stays in the
 * Secret {@code up} makes for it.
 */
final class HelmRelease {

    /** The label the chart puts on its objects (Helm's {@code .Release.Service}), which tells a release's instance. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final K8sSettings settings;
    private final Console console;

    HelmRelease(K8sSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    /** Whether the instance is a Helm release: its registry StatefulSet carries Helm's label. */
    static boolean installed(KubernetesClient client, InstanceRef ref) {
        StatefulSet registry = client.apps().statefulSets().inNamespace(ref.namespace())
                .withName(Layout.container(ref.name(), Layout.REGISTRY)).get();
        return registry != null && "Helm".equals(registry.getMetadata().getLabels().get(MANAGED_BY));
    }

    /** The backend a release runs, as its drift.toml (the chart's ConfigMap) names it. */
    static DatabaseBackend backend(KubernetesClient client, InstanceRef ref) {
        ConfigMap config = client.configMaps().inNamespace(ref.namespace()).withName(ObjectNames.config(ref.name())).get();
        String toml = config == null || config.getData() == null ? null
                : config.getData().get(Path.of(Layout.CONFIG_PATH).getFileName().toString());
        String id = toml == null ? null : Toml.parse(toml).getString("database.backend");
        return id == null ? DatabaseBackend.SQLITE : DatabaseBackend.fromId(id);
    }

    /** {@code helm upgrade --install --wait}: a first install, or the same release again with these values. */
    void install(InstanceRef ref, UpRequest request) {
        Path work = null;
        try {
            work = Files.createTempDirectory("drift-ops-helm-");
            SecureFiles.ownerOnlyDirectory(work);
            Path chart = BundledChart.extractTo(work);
            Path values = work.resolve("values.json");
            Files.writeString(values, JSON.writeValueAsString(values(ref, request)));
            List<String> command = helm("upgrade", "--install", ref.name(), chart.toString(), "--namespace",
                    ref.namespace(), "--create-namespace", "--values", values.toString(), "--wait",
                    "--timeout", request.readyTimeout().toSeconds() + "s");
            console.info("  helm release " + ref + " of the bundled chart: installing (waits for every pod to be ready)");
            Processes.run("helm upgrade --install " + ref.name(), command, console);
            console.info("  helm release " + ref + ": deployed");
        } catch (IOException e) {
            throw CliException.io("cannot prepare the chart's values: " + e.getMessage(), e);
        } finally {
            if (work != null) {
                try {
                    new DataDir(work).deleteRecursively();
                } catch (IOException e) {
                    // chart files and values without secrets in a temporary directory; the OS cleans it eventually
                }
            }
        }
    }

    /** {@code helm uninstall --wait}: the claims (and a bundled PostgreSQL's password) stay, as the chart keeps them. */
    void uninstall(InstanceRef ref) {
        Processes.run("helm uninstall " + ref.name(), helm("uninstall", ref.name(), "--namespace", ref.namespace(),
                "--wait"), console);
        console.info("  helm release " + ref + ": uninstalled (its claims stay unless --purge)");
    }

    /** What the chart is told: RegistryResource's choices, in the chart's terms. */
    Map<String, Object> values(InstanceRef ref, UpRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("backend", request.backend().id());
        values.put("image", Map.of("repository", repository(settings.driftImage()), "tag", tag(settings.driftImage()),
                "pullPolicy", "IfNotPresent"));
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("type", "NodePort");
        if (request.port() >= RegistryResource.NODE_PORT_MIN && request.port() <= RegistryResource.NODE_PORT_MAX) {
            service.put("nodePort", request.port());
        }
        values.put("service", service);
        if (request.backend() == DatabaseBackend.POSTGRES) {
            values.put("postgresql", request.postgres().isPresent()
                    ? Map.of("external", Map.of("enabled", true, "urlSecret",
                            Map.of("name", RegistryResource.externalUrlSecret(ref.name()), "key", "url")))
                    : Map.of("image", settings.postgresImage()));
        }
        if (request.backend() == DatabaseBackend.ZQLITE) {
            values.put("zqlite", Map.of("image", settings.zqliteImage()));
        }
        String javaOptions = System.getenv(JvmOptions.USER_ENV);
        if (javaOptions != null && !javaOptions.isBlank()) {
            values.put("javaOptions", javaOptions.strip());
        }
        return values;
    }

    private List<String> helm(String... args) {
        List<String> command = new ArrayList<>(List.of(HelmBinary.find()));
        settings.kubeconfig().ifPresent(file -> command.addAll(List.of("--kubeconfig", file.toString())));
        command.addAll(List.of(args));
        return command;
    }

    private static String repository(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    private static String tag(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }
}
