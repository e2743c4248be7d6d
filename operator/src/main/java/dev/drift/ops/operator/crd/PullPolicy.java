package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A container's imagePullPolicy, as Kubernetes spells it. */
public enum PullPolicy {
    @JsonProperty("Always") ALWAYS("Always"),
    @JsonProperty("IfNotPresent") IF_NOT_PRESENT("IfNotPresent"),
    @JsonProperty("Never") NEVER("Never");

    static final String DEFAULT_VALUE = "IfNotPresent";
    static final PullPolicy DEFAULT = IF_NOT_PRESENT;

    private final String kubernetesName;

    PullPolicy(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    public String kubernetesName() {
        return kubernetesName;
    }
}
