package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Drift's data claim (a volumeClaimTemplate of its StatefulSet). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageSpec(
        @Default(DEFAULT_SIZE)
        @Pattern(QUANTITY)
        @JsonPropertyDescription("Requested size of the claim, a Kubernetes quantity such as 1Gi.")
        String size,

        @JsonPropertyDescription("StorageClass of the claim; the cluster's default class when absent.")
        String storageClassName,

        @Default(Reclaim.DEFAULT_VALUE)
        @JsonPropertyDescription("What happens to the claim when the DriftRegistry is deleted: Retain keeps the data, Delete removes it.")
        Reclaim reclaim) {

    public static final String DEFAULT_SIZE = "1Gi";
    /** A binary or decimal quantity without exponent forms, which is what a claim's size is in practice. */
    static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";

    public StorageSpec {
        size = size == null ? DEFAULT_SIZE : size;
        reclaim = reclaim == null ? Reclaim.DEFAULT : reclaim;
    }

    public static StorageSpec defaults() {
        return new StorageSpec(null, null, null);
    }
}
