package dev.drift.ops.deploy;

import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Drift instance as every target deploys it, computed purely from an {@link InstanceRequest}:
 * its components in start order (the database and the S3 server before the registry), each with its image, command,
 * environment, port, data volume, secret files and probes, the drift.toml the registry reads, and how many registry
 * replicas run ({@code stateless}: a replica keeps nothing on its data volume, so it needs none that outlives it).
 * The docker target, the compose file and the operator render this; none of them derives a name,
 * port, path or probe of its own.
 */
public record DriftInstance(String name, DatabaseBackend backend, InstanceRequest.Hosts hosts,
                            List<DriftComponent> components, int replicas, boolean stateless) {

    public DriftInstance {
        components = List.copyOf(components);
    }

    public static DriftInstance of(InstanceRequest request) {
        List<DriftComponent> components = new ArrayList<>();
        request.backendImage().ifPresent(image -> components.add(switch (request.backend()) {
            case POSTGRES -> postgres(request, image);
            case ZQLITE -> zqlite(request, image);
            case SQLITE -> throw new IllegalStateException("refused by InstanceRequest");
        }));
        if (request.storage() instanceof BlobStorage.OwnSeaweedFs own) {
            components.add(seaweedFs(request, own.image()));
        }
        components.add(registry(request));
        // With blobs in a bucket and metadata in a server, a registry keeps nothing of its own: any replica can go.
        boolean stateless = !(request.storage() instanceof BlobStorage.OnVolume)
                && request.backend() != DatabaseBackend.SQLITE;
        return new DriftInstance(request.instance(), request.backend(), request.hosts(), components,
                request.replicas(), stateless);
    }

    public Optional<DriftComponent> component(String component) {
        return components.stream().filter(spec -> spec.name().equals(component)).findFirst();
    }

    public DriftComponent registry() {
        return component(Layout.REGISTRY).orElseThrow();
    }

    /** The URL Drift reaches the instance's own PostgreSQL with: a secret, since it holds the password. */
    public Secret managedPostgresUrl(Secret password) {
        return Secret.of("postgres://" + Layout.POSTGRES_USER + ":"
                + URLEncoder.encode(password.reveal(), StandardCharsets.UTF_8).replace("+", "%20") + "@"
                + host(name, hosts, Layout.POSTGRES) + ":" + Layout.POSTGRES_PORT + "/" + Layout.POSTGRES_DB);
    }

    /** The URL Drift reaches the instance's own ZQLite with. */
    public static String managedZqliteUrl(String instance, InstanceRequest.Hosts hosts) {
        return "zqlite://" + host(instance, hosts, Layout.ZQLITE) + ":" + Layout.ZQLITE_PORT + "/" + Layout.ZQLITE_DATABASE;
    }

    private static String host(String instance, InstanceRequest.Hosts hosts, String component) {
        return hosts == InstanceRequest.Hosts.COMPONENT_NAMES ? component : Layout.container(instance, component);
    }

    private static DriftComponent registry(InstanceRequest request) {
        TreeMap<String, String> env = new TreeMap<>();
        // The image has the defaults too; this adds the user's options on every target that has a place for them.
        env.put(JvmOptions.LAUNCHER_ENV, JvmOptions.joined(request.javaOptions()));
        List<SecretFile> secrets = new ArrayList<>();
        String drift = Integer.toString(Layout.DRIFT_UID);
        if (request.backend() == DatabaseBackend.POSTGRES) {
            SecretFile url = new SecretFile(Layout.POSTGRES_URL_SECRET, drift);
            secrets.add(url);
            env.put("DRIFT_DATABASE_POSTGRES_URL_FILE", url.path());
        }
        if (request.basicAuth()) {
            SecretFile users = new SecretFile(Layout.BASIC_USERS_SECRET, drift);
            secrets.add(users);
            env.put("DRIFT_AUTH_BASIC_USERS_FILE", users.path());
        }
        Optional<S3Bucket> bucket = switch (request.storage()) {
            case BlobStorage.OnVolume volume -> Optional.empty();
            case BlobStorage.InBucket given -> Optional.of(given.bucket());
            case BlobStorage.OwnSeaweedFs own ->
                    Optional.of(S3Bucket.ofOwnSeaweedFs(host(request.instance(), request.hosts(), Layout.SEAWEEDFS)));
        };
        if (bucket.isPresent()) {
            SecretFile accessKey = new SecretFile(Layout.S3_ACCESS_KEY_SECRET, drift);
            SecretFile secretKey = new SecretFile(Layout.S3_SECRET_KEY_SECRET, drift);
            secrets.add(accessKey);
            secrets.add(secretKey);
            env.put("DRIFT_STORAGE_S3_ACCESS_KEY_FILE", accessKey.path());
            env.put("DRIFT_STORAGE_S3_SECRET_KEY_FILE", secretKey.path());
        }
        Optional<String> zqliteUrl = request.backend() != DatabaseBackend.ZQLITE ? Optional.empty()
                : request.zqliteUrl().or(() -> Optional.of(managedZqliteUrl(request.instance(), request.hosts())));
        ConfigFile config = new ConfigFile(Layout.CONFIG_PATH,
                DriftToml.forContainer(request.backend(), request.basicAuth(), zqliteUrl, bucket));
        return new DriftComponent(Layout.REGISTRY, Layout.container(request.instance(), Layout.REGISTRY),
                request.registryImage(), List.of(), List.of("--config", Layout.CONFIG_PATH), env, Layout.REGISTRY_PORT,
                Layout.REGISTRY_DATA, Optional.of(config), secrets,
                Probe.httpGet(Layout.HEALTH_PATH, Layout.REGISTRY_PORT),
                Probe.httpGet(Layout.READY_PATH, Layout.REGISTRY_PORT), Optional.of(Layout.DRIFT_UID));
    }

    private static DriftComponent postgres(InstanceRequest request, String image) {
        // The official image's entrypoint reads the file as the postgres user, after dropping root.
        SecretFile password = new SecretFile(Layout.POSTGRES_PASSWORD_SECRET, "postgres");
        Map<String, String> env = Map.of(
                "POSTGRES_USER", Layout.POSTGRES_USER,
                "POSTGRES_DB", Layout.POSTGRES_DB,
                "POSTGRES_PASSWORD_FILE", password.path(),
                "PGDATA", Layout.POSTGRES_DATA);
        // Over TCP, so the socket-only server the entrypoint runs while initialising does not count as up.
        Probe ready = Probe.exec(List.of("pg_isready", "-h", "127.0.0.1", "-p", Integer.toString(Layout.POSTGRES_PORT),
                "-U", Layout.POSTGRES_USER, "-d", Layout.POSTGRES_DB));
        return new DriftComponent(Layout.POSTGRES, Layout.container(request.instance(), Layout.POSTGRES), image,
                List.of(), List.of(), new TreeMap<>(env), Layout.POSTGRES_PORT, Layout.POSTGRES_DATA, Optional.empty(),
                List.of(password), ready, ready, Optional.empty());
    }

    /**
     * SeaweedFS in one process (master, volume, filer and S3 gateway) whose image makes {@link Layout#SEAWEEDFS_BUCKET}
     * once it answers; ready when that bucket is listed, so the registry never starts before its bucket exists.
     */
    private static DriftComponent seaweedFs(InstanceRequest request, String image) {
        SecretFile identities = new SecretFile(Layout.S3_IDENTITIES_SECRET, Integer.toString(Layout.SEAWEEDFS_UID));
        List<String> args = List.of("server", "-dir=" + Layout.SEAWEEDFS_DATA, "-filer",
                "-s3", "-s3.port=" + Layout.SEAWEEDFS_S3_PORT, "-s3.config=" + identities.path(),
                // Off: listeners on fixed ports nothing here uses.
                "-s3.port.iceberg=0", "-s3.port.lance=0",
                // Volumes of 1 GiB as the disk allows, instead of eight reserved 30 GB ones; no 10 s grace at stop.
                "-master.volumeSizeLimitMB=1024", "-volume.max=0", "-volume.preStopSeconds=0");
        Probe bucketListed = Probe.exec(List.of("sh", "-c", "echo s3.bucket.list | weed shell 2>/dev/null | grep -q '^  "
                + Layout.SEAWEEDFS_BUCKET + "[[:space:]]'"));
        return new DriftComponent(Layout.SEAWEEDFS, Layout.container(request.instance(), Layout.SEAWEEDFS), image,
                List.of(), args, new TreeMap<>(Map.of("SEAWEEDFS_BUCKET", Layout.SEAWEEDFS_BUCKET)),
                Layout.SEAWEEDFS_S3_PORT, Layout.SEAWEEDFS_DATA, Optional.empty(), List.of(identities),
                Probe.httpGet("/status", Layout.SEAWEEDFS_S3_PORT), bucketListed, Optional.of(Layout.SEAWEEDFS_UID));
    }

    private static DriftComponent zqlite(InstanceRequest request, String image) {
        // The server command of the ZQLite contract, spelled out rather than left to the image's CMD.
        return new DriftComponent(Layout.ZQLITE, Layout.container(request.instance(), Layout.ZQLITE), image,
                List.of(Layout.ZQLITE_PROGRAM), Layout.ZQLITE_SERVER_ARGS, new TreeMap<>(), Layout.ZQLITE_PORT,
                Layout.ZQLITE_DATA, Optional.empty(), List.of(),
                Probe.httpGet(Layout.HEALTH_PATH, Layout.ZQLITE_PORT),
                Probe.exec(List.of(Layout.ZQLITE_PROGRAM, "ping")), Optional.empty());
    }
}
