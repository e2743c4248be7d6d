package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Service types a DriftRegistry may ask for; LoadBalancer is not offered, nothing here tests it. */
public enum ServiceType {
    @JsonProperty("ClusterIP") CLUSTER_IP("ClusterIP"),
    @JsonProperty("NodePort") NODE_PORT("NodePort");

    static final String DEFAULT_VALUE = "ClusterIP";
    static final ServiceType DEFAULT = CLUSTER_IP;

    private final String kubernetesName;

    ServiceType(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    public String kubernetesName() {
        return kubernetesName;
    }
}
