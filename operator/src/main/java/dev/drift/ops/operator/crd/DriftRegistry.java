package dev.drift.ops.operator.crd;

import dev.drift.ops.deploy.Layout;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One Drift registry in a namespace: {@code kubectl get dr}. The operator turns it into the
 * objects of the shared deployment model (Secrets, a ConfigMap with drift.toml, StatefulSets or
 * a Deployment, Services) and reports in its status whether Drift answers.
 */
@Group(DriftRegistry.GROUP)
@Version(DriftRegistry.VERSION)
@Plural(DriftRegistry.PLURAL)
@ShortNames("dr")
@AdditionalPrinterColumn(name = "Backend", jsonPath = ".spec.backend", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Pods", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.endpoint", type = AdditionalPrinterColumn.Type.STRING)
// Kubernetes shows Age by itself only when a CRD names no columns at all.
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// The name becomes part of every object's name (drift-NAME-registry); a StatefulSet's name must leave room
// for the controller-revision-hash label (63 characters with an 11-character suffix), hence the length.
@ValidationRule(value = "self.metadata.name.matches('^" + Layout.INSTANCE_PATTERN + "$') && size(self.metadata.name) <= "
        + DriftRegistry.MAX_NAME_LENGTH,
        message = "metadata.name: at most " + DriftRegistry.MAX_NAME_LENGTH
                + " characters, lowercase letters, digits and '-', starting with a letter or digit")
public class DriftRegistry extends CustomResource<DriftRegistrySpec, DriftRegistryStatus> implements Namespaced {

    public static final String GROUP = "drift.dev";
    public static final String VERSION = "v1alpha1";
    public static final String PLURAL = "driftregistries";
    /** drift-NAME-registry (and -postgres) is a StatefulSet name, which must stay within 52 characters. */
    public static final int MAX_NAME_LENGTH = 37;
    /** The name of the CRD, and of the file the generator writes: {@code driftregistries.drift.dev}. */
    public static final String CRD_NAME = PLURAL + "." + GROUP;

    public DriftRegistry() {
    }

    public DriftRegistry(String namespace, String name, DriftRegistrySpec spec) {
        getMetadata().setNamespace(namespace);
        getMetadata().setName(name);
        setSpec(spec);
    }
}
