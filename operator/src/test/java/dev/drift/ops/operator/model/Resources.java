package dev.drift.ops.operator.model;

import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/** DriftRegistry resources as the API server would hand them over, and what the model makes of them. */
final class Resources {

    static final String NAMESPACE = "apps";
    static final String NAME = "dev";
    static final String UID = "6f1d2c3e-0000-4000-8000-000000000001";
    static final String DRIFT_IMAGE = "drift:test";
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Resources() {
    }

    static DriftRegistry resource(DriftRegistrySpec spec) {
        DriftRegistry resource = new DriftRegistry(NAMESPACE, NAME, spec);
        resource.getMetadata().setUid(UID);
        resource.getMetadata().setGeneration(1L);
        return resource;
    }

    static RenderedInstance render(DriftRegistrySpec spec, SecretsSeen seen) throws Refusal {
        return new InstanceRenderer(DRIFT_IMAGE).render(resource(spec), seen);
    }

    /** The Secrets of a rendering, as the next reconcile finds them after they were applied. */
    static SecretsSeen secretsOf(RenderedInstance rendered, SecretsSeen alsoSeen) {
        List<Secret> secrets = rendered.objects().stream().filter(Secret.class::isInstance).map(Secret.class::cast).toList();
        SecretsSeen seen = SecretsSeen.of(secrets);
        for (var entry : alsoSeen.byName().entrySet()) {
            if (seen.secret(entry.getKey()).isEmpty()) {
                java.util.Map<String, String> plain = new java.util.TreeMap<>();
                entry.getValue().forEach((key, value) -> plain.put(key, value.reveal()));
                seen = seen.with(entry.getKey(), plain);
            }
        }
        return seen;
    }

    static <T extends HasMetadata> T object(RenderedInstance rendered, Class<T> kind, String name) {
        return rendered.objects().stream().filter(kind::isInstance).map(kind::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in "
                        + rendered.objects().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    static String yaml(Object object) {
        return SERIALIZATION.asYaml(object);
    }
}
