package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Optional;

/**
 * What a DriftRegistry asks for. Defaults are written twice on purpose, once for the API server
 * (the schema's {@code default}, so {@code kubectl get -o yaml} shows them) and once in the
 * constructor (so a resource built in Java, or stored before a default existed, means the same),
 * both from the same constants.
 */
@ValidationRule(value = "self.backend == 'zqlite' ? has(self.zqlite) && has(self.zqlite.image) : !has(self.zqlite)",
        message = "backend zqlite requires zqlite.image, and zqlite settings need backend zqlite")
@ValidationRule(value = "self.backend == 'postgres' || !has(self.postgres)",
        message = "postgres settings need backend postgres")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftRegistrySpec(
        @Required
        @JsonPropertyDescription("Where Drift keeps its metadata: sqlite (a file on the data claim), postgres or zqlite.")
        Backend backend,

        @JsonPropertyDescription("The Drift image; the operator's own version of drift by default.")
        String image,

        @Default(PullPolicy.DEFAULT_VALUE)
        @JsonPropertyDescription("When the node pulls the images (Never: only images already on the node).")
        PullPolicy imagePullPolicy,

        @Min(0)
        @Default("1")
        @JsonPropertyDescription("Drift pods. More than 1 needs storage.backend s3 and backend postgres (else condition InvalidSpec): "
                + "then Drift runs as a Deployment without a claim.")
        Integer replicas,

        @JsonPropertyDescription("Where the blobs live (the data claim, or an S3 bucket), and the data claim, which also holds the SQLite database for backend sqlite.")
        StorageSpec storage,

        @JsonPropertyDescription("backend postgres: a PostgreSQL the operator runs (managed, the default) or one it is given (external).")
        PostgresSpec postgres,

        @JsonPropertyDescription("backend zqlite: the drift-zqlite server the operator runs.")
        ZqliteSpec zqlite,

        @JsonPropertyDescription("The login Drift requires.")
        AuthSpec auth,

        @JsonPropertyDescription("How Drift is reached inside the cluster (and on the nodes, for NodePort).")
        ServiceSpec service) {

    public static final int DEFAULT_REPLICAS = 1;

    public DriftRegistrySpec {
        imagePullPolicy = imagePullPolicy == null ? PullPolicy.DEFAULT : imagePullPolicy;
        replicas = replicas == null ? DEFAULT_REPLICAS : replicas;
        storage = storage == null ? StorageSpec.defaults() : storage;
        auth = auth == null ? new AuthSpec(null) : auth;
        service = service == null ? ServiceSpec.defaults() : service;
        if (postgres == null && backend == Backend.POSTGRES) {
            postgres = PostgresSpec.managedDefaults();
        }
    }

    /** The least a resource says: a backend, everything else defaulted. */
    public static DriftRegistrySpec of(Backend backend) {
        return new DriftRegistrySpec(backend, null, null, null, null, null, null, null, null);
    }

    public Optional<String> imageOverride() {
        return Optional.ofNullable(image);
    }
}
