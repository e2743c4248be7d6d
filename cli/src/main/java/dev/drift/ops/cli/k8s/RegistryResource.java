package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.provision.UpRequest;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.ExternalPostgres;
import dev.drift.ops.operator.crd.ManagedPostgres;
import dev.drift.ops.operator.crd.PostgresSpec;
import dev.drift.ops.operator.crd.SecretKeyRef;
import dev.drift.ops.operator.crd.ServiceSpec;
import dev.drift.ops.operator.crd.ServiceType;
import dev.drift.ops.operator.crd.ZqliteSpec;

/**
 * The DriftRegistry one {@code up --target k8s} asks for: the backend, the images, and a NodePort
 * Service, since the host reaches the cluster only through ports on 127.0.0.1. Everything else is
 * the resource's defaults, which the operator knows.
 */
final class RegistryResource {

    /** Kubernetes' node-port range: a --port inside it is used as the node port, else the cluster picks one. */
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;
    /** The Secret up makes for an external PostgreSQL's URL (with its password), key {@link SecretKeyRef#DEFAULT_KEY}. */
    static String externalUrlSecret(String instance) {
        return "drift-" + instance + "-external-postgres";
    }

    private RegistryResource() {
    }

    static DriftRegistry of(String namespace, String instance, UpRequest request, K8sSettings settings) {
        PostgresSpec postgres = request.backend() != DatabaseBackend.POSTGRES ? null
                : request.postgres().isPresent()
                        ? new PostgresSpec(null, new ExternalPostgres(new SecretKeyRef(externalUrlSecret(instance), null)))
                        : new PostgresSpec(new ManagedPostgres(settings.postgresImage(), null), null);
        ZqliteSpec zqlite = request.backend() == DatabaseBackend.ZQLITE ? new ZqliteSpec(settings.zqliteImage(), null) : null;
        Integer nodePort = request.port() >= NODE_PORT_MIN && request.port() <= NODE_PORT_MAX ? request.port() : null;
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.valueOf(request.backend().name()), settings.driftImage(),
                null, null, null, postgres, zqlite, null, new ServiceSpec(ServiceType.NODE_PORT, null, nodePort));
        return new DriftRegistry(namespace, instance, spec);
    }
}
