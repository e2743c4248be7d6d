package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the operator last saw. Equal statuses compare equal (a record over lists and fabric8's
 * Condition, which has equals), so the operator can leave an unchanged status unwritten.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftRegistryStatus(
        @JsonPropertyDescription("Ready, BackendReady and ConfigRendered, in the Kubernetes form.")
        List<Condition> conditions,

        @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("Drift's URL inside the cluster: http://SERVICE.NAMESPACE.svc:PORT")
        String endpoint,

        @JsonPropertyDescription("service.type NodePort: the port Drift answers on at every node.")
        Integer nodePort,

        @JsonPropertyDescription("Drift pods ready, of spec.replicas (pods of an older template that are still ready count too).")
        Integer readyReplicas) {

    public DriftRegistryStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
