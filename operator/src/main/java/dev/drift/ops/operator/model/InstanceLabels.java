package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.Layout;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labels on everything the operator makes: the deployment model's instance and component labels
 * (the same ones the docker target puts on containers, so drift-ops finds an instance's parts by
 * them on every target) and Kubernetes' managed-by, which the operator's watches select on.
 */
public final class InstanceLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "drift-operator";
    /** The label selector of every watch of the operator's own objects (and of their pods). */
    public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private InstanceLabels() {
    }

    /** The labels of an object that belongs to the instance as a whole (Secrets, the ConfigMap). */
    public static Map<String, String> of(String instance) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(MANAGED_BY, OPERATOR);
        labels.put(Layout.INSTANCE_LABEL, instance);
        return labels;
    }

    /** The labels of a component's StatefulSet, Service, pods and claims. */
    public static Map<String, String> of(String instance, String component) {
        Map<String, String> labels = of(instance);
        labels.putAll(selector(instance, component));
        return labels;
    }

    /** What a component's StatefulSet and Service select its pods by (immutable once the StatefulSet exists). */
    public static Map<String, String> selector(String instance, String component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(Layout.INSTANCE_LABEL, instance);
        labels.put(Layout.COMPONENT_LABEL, component);
        return labels;
    }
}
