package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where Drift keeps its blobs, and the data claims (volumeClaimTemplates of the StatefulSets). With blobs in S3 and
 * backend postgres a Drift pod keeps nothing, so it runs as a Deployment without a claim and {@code size} goes unused
 * (its description says so); with backend sqlite Drift's claim still holds the database.
 */
@ValidationRule(value = "self.backend == 's3' ? has(self.s3) : !has(self.s3)",
        message = "storage backend s3 requires storage.s3, and storage.s3 settings need storage backend s3")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageSpec(
        @Default(DEFAULT_SIZE)
        @Pattern(QUANTITY)
        @JsonPropertyDescription("Requested size of Drift's claim, a Kubernetes quantity such as 1Gi. Unused with backend s3 "
                + "and spec.backend postgres: Drift then keeps nothing and has no claim.")
        String size,

        @JsonPropertyDescription("StorageClass of the claims (Drift's and the database's the operator runs); the cluster's default class when absent.")
        String storageClassName,

        @Default(Reclaim.DEFAULT_VALUE)
        @JsonPropertyDescription("What happens to the claims when the DriftRegistry is deleted: Retain keeps the data, Delete removes it.")
        Reclaim reclaim,

        @Default(StorageBackend.DEFAULT_VALUE)
        @JsonPropertyDescription("Where the blobs live: fs (on the claim, one pod only) or s3 (in storage.s3's bucket; with backend postgres, any number of pods and no claim).")
        StorageBackend backend,

        @JsonPropertyDescription("backend s3: the bucket and the Secret with its keys.")
        S3Spec s3) {

    public static final String DEFAULT_SIZE = "1Gi";
    /** A binary or decimal quantity without exponent forms, which is what a claim's size is in practice. */
    static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";

    public StorageSpec {
        size = size == null ? DEFAULT_SIZE : size;
        reclaim = reclaim == null ? Reclaim.DEFAULT : reclaim;
        backend = backend == null ? StorageBackend.DEFAULT : backend;
    }

    /** Blobs on the claim. */
    public StorageSpec(String size, String storageClassName, Reclaim reclaim) {
        this(size, storageClassName, reclaim, null, null);
    }

    /** Blobs in a bucket; the claim defaulted. */
    public static StorageSpec inBucket(S3Spec s3) {
        return new StorageSpec(null, null, null, StorageBackend.S3, s3);
    }

    public static StorageSpec defaults() {
        return new StorageSpec(null, null, null);
    }
}
