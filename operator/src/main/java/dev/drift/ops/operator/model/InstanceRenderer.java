package dev.drift.ops.operator.model;

import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.ConfigFile;
import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.SecretFile;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.Reclaim;
import dev.drift.ops.operator.crd.ServiceType;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pure half of the operator: a DriftRegistry and the Secrets found beside it in, the
 * Kubernetes objects of its instance out. Every name, port, path, probe, image and drift.toml comes
 * from the deployment model ({@link DriftInstance}); this class only says how Kubernetes holds them.
 */
public final class InstanceRenderer {

    private final InputResolver resolver;

    public InstanceRenderer(String defaultDriftImage) {
        this.resolver = new InputResolver(defaultDriftImage);
    }

    public RenderedInstance render(DriftRegistry resource, SecretsSeen seen) throws Refusal {
        InstanceInputs inputs = resolver.resolve(resource, seen);
        DriftRegistrySpec spec = resource.getSpec();
        String name = resource.getMetadata().getName();
        DriftInstance instance = inputs.instance();
        List<HasMetadata> objects = new ArrayList<>();

        if (inputs.generatedLogin()) {
            objects.add(secret(Ownership.owned(resource, ObjectNames.generatedLogin(name), InstanceLabels.of(name)),
                    Map.of(ObjectNames.USERNAME_KEY, inputs.login().user(),
                            ObjectNames.PASSWORD_KEY, inputs.login().password().reveal())));
        }
        objects.add(secret(Ownership.owned(resource, ObjectNames.basicUsers(name), InstanceLabels.of(name)),
                Map.of(Layout.BASIC_USERS_SECRET, inputs.basicUsersEntry())));
        inputs.managedPostgresPassword().ifPresent(password -> {
            // The password belongs with the data it protects: a retained claim keeps its Secret too,
            // so a DriftRegistry made again under the same name can open the same database.
            String credentials = ObjectNames.postgresCredentials(name);
            ObjectMeta metadata = spec.storage().reclaim() == Reclaim.DELETE
                    ? Ownership.owned(resource, credentials, InstanceLabels.of(name, Layout.POSTGRES))
                    : Ownership.unowned(resource, credentials, InstanceLabels.of(name, Layout.POSTGRES));
            objects.add(secret(metadata, Map.of(
                    Layout.POSTGRES_PASSWORD_SECRET, password.reveal(),
                    Layout.POSTGRES_URL_SECRET, inputs.secretFiles().get(Layout.POSTGRES_URL_SECRET).content().reveal())));
        });
        DriftComponent registry = instance.registry();
        ConfigFile config = registry.config().orElseThrow();
        objects.add(new ConfigMapBuilder()
                .withMetadata(Ownership.owned(resource, ObjectNames.config(name), InstanceLabels.of(name)))
                .withData(Map.of(config.fileName(), config.text()))
                .build());

        Optional<DriftComponent> backend = instance.components().stream()
                .filter(component -> !component.name().equals(Layout.REGISTRY)).findFirst();
        backend.ifPresent(component -> {
            objects.add(ComponentStatefulSet.of(resource, component, settings(spec, 1, component), inputs.secretFiles(),
                    Optional.empty(), hash(component, inputs)));
            objects.add(ComponentService.internal(resource, component));
        });
        WorkloadSettings registrySettings = settings(spec, instance.replicas(), registry);
        Optional<String> configMap = Optional.of(ObjectNames.config(name));
        // A registry that keeps nothing on its volume needs no claim nor a fixed identity per pod: a Deployment,
        // which also rolls out without the StatefulSet's one-pod-at-a-time order. Otherwise the claim holds data.
        objects.add(instance.stateless()
                ? ComponentDeployment.of(resource, registry, registrySettings, inputs.secretFiles(), configMap,
                        hash(registry, inputs))
                : ComponentStatefulSet.of(resource, registry, registrySettings, inputs.secretFiles(), configMap,
                        hash(registry, inputs)));
        ServiceType type = spec.service().type();
        objects.add(ComponentService.of(resource, registry, type.kubernetesName(), spec.service().port(),
                type == ServiceType.NODE_PORT ? spec.service().fixedNodePort() : Optional.empty()));

        String endpoint = "http://" + registry.objectName() + "." + resource.getMetadata().getNamespace() + ".svc:"
                + spec.service().port();
        return new RenderedInstance(objects, registry, backend, endpoint, instance.stateless());
    }

    private static WorkloadSettings settings(DriftRegistrySpec spec, int replicas, DriftComponent component) {
        String size = component.name().equals(Layout.POSTGRES) ? spec.postgres().managed().storageSize()
                : spec.storage().size();
        return new WorkloadSettings(replicas, spec.imagePullPolicy().kubernetesName(), size,
                Optional.ofNullable(spec.storage().storageClassName()), spec.storage().reclaim().kubernetesName());
    }

    private static String hash(DriftComponent component, InstanceInputs inputs) {
        SortedMap<String, Secret> contents = new TreeMap<>();
        for (SecretFile file : component.secrets()) {
            contents.put(file.name(), inputs.secretFiles().get(file.name()).content());
        }
        return ConfigHash.of(component.config(), contents);
    }

    private static io.fabric8.kubernetes.api.model.Secret secret(ObjectMeta metadata, Map<String, String> values) {
        Map<String, String> data = new TreeMap<>();
        values.forEach((key, value) -> data.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withMetadata(metadata).withType("Opaque").withData(data).build();
    }
}
