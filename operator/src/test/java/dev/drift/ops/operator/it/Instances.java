package dev.drift.ops.operator.it;

import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistryStatus;
import dev.drift.ops.operator.model.InstanceLabels;
import dev.drift.ops.operator.status.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reading DriftRegistries and what the operator made of them, for the integration tests. */
final class Instances {

    /** Drift's first start on a busy 2-core machine: image unpacked, JVM started, schema migrated. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private Instances() {
    }

    static Optional<DriftRegistry> get(KubernetesClient client, String namespace, String name) {
        return Optional.ofNullable(client.resources(DriftRegistry.class).inNamespace(namespace).withName(name).get());
    }

    static Optional<Condition> condition(KubernetesClient client, String namespace, String name, String type) {
        return get(client, namespace, name).map(DriftRegistry::getStatus).map(DriftRegistryStatus::conditions)
                .flatMap(conditions -> conditions.stream().filter(c -> type.equals(c.getType())).findFirst());
    }

    static DriftRegistry awaitReady(KubernetesClient client, String namespace, String name, Duration timeout) {
        return awaitCondition(client, namespace, name, ConditionTypes.READY, "True", null, timeout);
    }

    /** Waits until condition {@code type} has {@code status} (and {@code reason}, unless null). */
    static DriftRegistry awaitCondition(KubernetesClient client, String namespace, String name, String type,
                                        String status, String reason, Duration timeout) {
        return Eventually.await(type + "=" + status + (reason == null ? "" : " (" + reason + ")") + " on " + name, timeout,
                () -> get(client, namespace, name).filter(resource -> resource.getStatus() != null
                        && resource.getStatus().conditions().stream().anyMatch(c -> type.equals(c.getType())
                        && status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason())))),
                () -> get(client, namespace, name).map(r -> String.valueOf(r.getStatus())).orElse("no such resource"));
    }

    /** Every object the operator made in {@code namespace} (and their pods), as {@code Kind/name -> resourceVersion}. */
    static Map<String, String> resourceVersions(KubernetesClient client, String namespace) {
        Map<String, String> versions = new TreeMap<>();
        Stream.<List<? extends HasMetadata>>of(
                        client.secrets().inNamespace(namespace).withLabel(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR).list().getItems(),
                        client.configMaps().inNamespace(namespace).withLabel(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR).list().getItems(),
                        client.services().inNamespace(namespace).withLabel(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR).list().getItems(),
                        client.apps().statefulSets().inNamespace(namespace).withLabel(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR).list().getItems(),
                        client.apps().deployments().inNamespace(namespace).withLabel(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR).list().getItems(),
                        client.pods().inNamespace(namespace).withLabel(InstanceLabels.MANAGED_BY, InstanceLabels.OPERATOR).list().getItems(),
                        client.persistentVolumeClaims().inNamespace(namespace).list().getItems(),
                        client.resources(DriftRegistry.class).inNamespace(namespace).list().getItems())
                .flatMap(List::stream)
                .forEach(object -> versions.put(object.getKind() + "/" + object.getMetadata().getName(),
                        object.getMetadata().getResourceVersion()));
        return versions;
    }

    /** The events the operator recorded in {@code namespace}, as {@code reason: message}. */
    static List<String> operatorEvents(KubernetesClient client, String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> "drift-operator".equals(event.getReportingComponent()))
                .sorted(java.util.Comparator.comparing(Event::getFirstTimestamp).thenComparing(e -> e.getMetadata().getName()))
                .map(event -> event.getReason() + ": " + event.getMessage())
                .toList();
    }
}
