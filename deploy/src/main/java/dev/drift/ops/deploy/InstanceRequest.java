package dev.drift.ops.deploy;

import dev.drift.ops.config.DatabaseBackend;
import java.util.Optional;

/**
 * What one instance is asked to be, with every choice already made: the input of
 * {@link DriftInstance#of}.
 *
 * @param instance      the instance's name ({@link Layout#INSTANCE_PATTERN})
 * @param backendImage  the postgres or drift-zqlite image when the instance runs its own backend;
 *                      empty for sqlite and for a backend the user runs
 * @param zqliteUrl     a ZQLite server the user runs (zqlite backend without a backend image)
 * @param hosts         how the components find each other on the target's network
 * @param basicAuth     whether Drift asks for a login (its entries then come as a secret file)
 * @param javaOptions   JVM options the user adds after {@link JvmOptions#DEFAULTS} (blank: none); for compose a
 *                      reference to its own variable
 * @param storage       where the blobs live
 * @param replicas      registry processes; more than one needs blobs in a bucket and metadata in PostgreSQL
 */
public record InstanceRequest(String instance, DatabaseBackend backend, String registryImage,
                              Optional<String> backendImage, Optional<String> zqliteUrl, Hosts hosts,
                              boolean basicAuth, String javaOptions, BlobStorage storage, int replicas) {

    /** One registry keeping its blobs on its data volume. */
    public InstanceRequest(String instance, DatabaseBackend backend, String registryImage,
                           Optional<String> backendImage, Optional<String> zqliteUrl, Hosts hosts, boolean basicAuth,
                           String javaOptions) {
        this(instance, backend, registryImage, backendImage, zqliteUrl, hosts, basicAuth, javaOptions,
                BlobStorage.VOLUME, 1);
    }

    /** A request in which the user adds no JVM options: the targets without a place for them (the operator). */
    public InstanceRequest(String instance, DatabaseBackend backend, String registryImage,
                           Optional<String> backendImage, Optional<String> zqliteUrl, Hosts hosts, boolean basicAuth) {
        this(instance, backend, registryImage, backendImage, zqliteUrl, hosts, basicAuth, "", BlobStorage.VOLUME, 1);
    }

    /** How one component reaches another. */
    public enum Hosts {
        /** By {@link Layout#container}: docker containers on the instance's network, Kubernetes Services. */
        OBJECT_NAMES,
        /** By component name: compose services. */
        COMPONENT_NAMES
    }

    public InstanceRequest {
        javaOptions = javaOptions == null ? "" : javaOptions.strip();
        if (!instance.matches(Layout.INSTANCE_PATTERN)) {
            throw new IllegalArgumentException("an instance name is lower-case letters, digits and '-' (at most 40, "
                    + "starting with a letter or digit), got \"" + instance + "\"");
        }
        if (backend == DatabaseBackend.SQLITE && backendImage.isPresent()) {
            throw new IllegalArgumentException("sqlite runs inside the registry; no backend image");
        }
        if (backend == DatabaseBackend.ZQLITE && backendImage.isEmpty() && zqliteUrl.isEmpty()) {
            throw new IllegalArgumentException("the zqlite backend needs a drift-zqlite image or the URL of a ZQLite server");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas " + replicas + ": at least 0");
        }
        if (replicas > 1 && !(storage instanceof BlobStorage.OnVolume) && backend != DatabaseBackend.POSTGRES) {
            throw new IllegalArgumentException("replicas " + replicas + " with the " + backend.id() + " backend: "
                    + "replicas share their metadata only through PostgreSQL (SQLite is a file on one replica's volume, "
                    + "and ZQLite's locks hold within one process); use the postgres backend or 1 replica");
        }
        if (replicas > 1 && storage instanceof BlobStorage.OnVolume) {
            throw new IllegalArgumentException("replicas " + replicas + " with storage fs: the blobs are on one volume, "
                    + "which only one replica can use; keep the blobs in S3 (storage s3) or run 1 replica");
        }
    }
}
