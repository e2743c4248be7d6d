package dev.drift.ops.operator.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;

/** A namespace of the test's own, deleted (with every claim in it) when the test ends. */
final class TestNamespace implements AutoCloseable {

    private final KubernetesClient client;
    private final String name;

    private TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
    }

    static TestNamespace create(KubernetesClient client, String purpose) {
        String name = "drift-op-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("drift.dev/test", "operator-it").endMetadata().build()).create();
        return new TestNamespace(client, name);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        client.namespaces().withName(name).delete();
    }
}
