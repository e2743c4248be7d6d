package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.drift.ops.deploy.Layout;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Optional;

/** Drift's Service. */
@ValidationRule(value = "self.type == 'NodePort' || !has(self.nodePort)",
        message = "service.nodePort needs service.type NodePort")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
        @Default(ServiceType.DEFAULT_VALUE)
        @JsonPropertyDescription("ClusterIP (in the cluster only) or NodePort (also on every node's addresses).")
        ServiceType type,

        @Min(1)
        @Max(65535)
        @Default("" + Layout.REGISTRY_PORT)
        @JsonPropertyDescription("The Service's port; Drift itself listens on 5000 in its pod.")
        Integer port,

        @Min(30000)
        @Max(32767)
        @JsonPropertyDescription("type NodePort: the node port; one the cluster picks when absent.")
        Integer nodePort) {

    public ServiceSpec {
        type = type == null ? ServiceType.DEFAULT : type;
        port = port == null ? Layout.REGISTRY_PORT : port;
    }

    public static ServiceSpec defaults() {
        return new ServiceSpec(null, null, null);
    }

    public Optional<Integer> fixedNodePort() {
        return Optional.ofNullable(nodePort);
    }
}
