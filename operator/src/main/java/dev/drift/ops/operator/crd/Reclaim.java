package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What becomes of a data claim when its DriftRegistry is deleted; the StatefulSet's
 * persistentVolumeClaimRetentionPolicy whenDeleted carries it out.
 */
public enum Reclaim {
    @JsonProperty("Retain") RETAIN("Retain"),
    @JsonProperty("Delete") DELETE("Delete");

    static final String DEFAULT_VALUE = "Retain";
    static final Reclaim DEFAULT = RETAIN;

    private final String kubernetesName;

    Reclaim(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    public String kubernetesName() {
        return kubernetesName;
    }
}
