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
 * its components in start order (the backend before the registry), each with its image, command,
 * environment, port, data volume, secret files and probes, and the drift.toml the registry reads.
 * The docker target, the compose file and the operator render this; none of them derives a name,
 * port, path or probe of its own.
 */
public record DriftInstance(String name, DatabaseBackend backend, InstanceRequest.Hosts hosts,
                            List<DriftComponent> components) {

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
        components.add(registry(request));
        return new DriftInstance(request.instance(), request.backend(), request.hosts(), components);
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
        Optional<String> zqliteUrl = request.backend() != DatabaseBackend.ZQLITE ? Optional.empty()
                : request.zqliteUrl().or(() -> Optional.of(managedZqliteUrl(request.instance(), request.hosts())));
        ConfigFile config = new ConfigFile(Layout.CONFIG_PATH,
                DriftToml.forContainer(request.backend(), request.basicAuth(), zqliteUrl));
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

    private static DriftComponent zqlite(InstanceRequest request, String image) {
        // The server command of the ZQLite contract, spelled out rather than left to the image's CMD.
        return new DriftComponent(Layout.ZQLITE, Layout.container(request.instance(), Layout.ZQLITE), image,
                List.of(Layout.ZQLITE_PROGRAM), Layout.ZQLITE_SERVER_ARGS, new TreeMap<>(), Layout.ZQLITE_PORT,
                Layout.ZQLITE_DATA, Optional.empty(), List.of(),
                Probe.httpGet(Layout.HEALTH_PATH, Layout.ZQLITE_PORT),
                Probe.exec(List.of(Layout.ZQLITE_PROGRAM, "ping")), Optional.empty());
    }
}
