package dev.drift.ops.cli.docker;

import dev.drift.ops.cli.docker.ContainerSpec.Healthcheck;
import dev.drift.ops.cli.docker.ContainerSpec.ImageRef;
import dev.drift.ops.cli.docker.ContainerSpec.Mount;
import dev.drift.ops.cli.docker.ContainerSpec.PublishedPort;
import dev.drift.ops.cli.docker.ContainerSpec.SecretFile;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Docker objects one instance is made of, computed from an {@link InstancePlan} without
 * asking the engine anything: its network, its named volumes, and its containers in start order
 * (the backend before the registry). {@link DockerApplier} makes the engine match it.
 */
public record DesiredInstance(String instance, String network, List<String> volumes, List<ContainerSpec> containers) {

    /** Only the registry is published, and on the loopback address unless said otherwise. */
    public static final String PUBLISH_ADDRESS = "127.0.0.1";

    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final int HEALTH_RETRIES = 3;

    public DesiredInstance {
        volumes = List.copyOf(volumes);
        containers = List.copyOf(containers);
    }

    public static DesiredInstance of(InstancePlan plan) {
        String instance = plan.instance();
        String network = DockerLayout.network(instance);
        List<String> volumes = new ArrayList<>();
        List<ContainerSpec> containers = new ArrayList<>();
        plan.backendImage().ifPresent(image -> {
            ContainerSpec backend = switch (plan.backend()) {
                case POSTGRES -> postgres(plan, image);
                case ZQLITE -> zqlite(plan, image);
                case SQLITE -> throw new IllegalArgumentException("sqlite runs inside the registry; no backend image");
            };
            containers.add(backend);
            volumes.add(DockerLayout.volume(instance, backend.component()));
        });
        containers.add(registry(plan));
        volumes.addFirst(DockerLayout.volume(instance, DockerLayout.REGISTRY));
        return new DesiredInstance(instance, network, volumes, containers);
    }

    /** The URL Drift reaches the instance's own PostgreSQL container with (a secret: it holds the password). */
    public static Secret managedPostgresUrl(String instance, Secret password) {
        return Secret.of("postgres://" + DockerLayout.POSTGRES_USER + ":"
                + URLEncoder.encode(password.reveal(), StandardCharsets.UTF_8).replace("+", "%20") + "@"
                + DockerLayout.container(instance, DockerLayout.POSTGRES) + ":" + DockerLayout.POSTGRES_PORT + "/"
                + DockerLayout.POSTGRES_DB);
    }

    /** The URL Drift reaches the instance's own ZQLite container with. */
    public static String managedZqliteUrl(String instance) {
        return "zqlite://" + DockerLayout.container(instance, DockerLayout.ZQLITE) + ":" + DockerLayout.ZQLITE_PORT
                + "/" + DockerLayout.ZQLITE_DATABASE;
    }

    public Optional<ContainerSpec> container(String component) {
        return containers.stream().filter(spec -> spec.component().equals(component)).findFirst();
    }

    private static ContainerSpec registry(InstancePlan plan) {
        Map<String, String> env = new TreeMap<>();
        List<SecretFile> secrets = new ArrayList<>();
        if (plan.backend() == DatabaseBackend.POSTGRES) {
            Secret url = plan.postgresUrl().orElseThrow(() -> new IllegalArgumentException("postgres needs a URL"));
            SecretFile file = new SecretFile(DockerLayout.POSTGRES_URL_SECRET, url, Integer.toString(DockerLayout.DRIFT_UID));
            secrets.add(file);
            env.put("DRIFT_DATABASE_POSTGRES_URL_FILE", file.path());
        }
        List<Mount> mounts = List.of(
                Mount.readOnlyFile(plan.configFile().toString(), DockerLayout.CONFIG_PATH, plan.configText()),
                Mount.volume(DockerLayout.volume(plan.instance(), DockerLayout.REGISTRY), DockerLayout.REGISTRY_DATA));
        return new ContainerSpec(plan.instance(), DockerLayout.REGISTRY,
                DockerLayout.container(plan.instance(), DockerLayout.REGISTRY), DockerLayout.network(plan.instance()),
                plan.registryImage(), List.of(), List.of("--config", DockerLayout.CONFIG_PATH), new TreeMap<>(env), mounts,
                Optional.of(new PublishedPort(PUBLISH_ADDRESS, plan.port(), DockerLayout.REGISTRY_PORT)),
                // The image's own healthcheck (on /health) applies; up waits on /readyz itself.
                Optional.empty(), secrets);
    }

    private static ContainerSpec postgres(InstancePlan plan, ImageRef image) {
        Secret password = plan.postgresPassword()
                .orElseThrow(() -> new IllegalArgumentException("a PostgreSQL container needs a password"));
        // The official image's entrypoint reads the file as the postgres user, after dropping root.
        SecretFile file = new SecretFile(DockerLayout.POSTGRES_PASSWORD_SECRET, password, "postgres");
        Map<String, String> env = new TreeMap<>(Map.of(
                "POSTGRES_USER", DockerLayout.POSTGRES_USER,
                "POSTGRES_DB", DockerLayout.POSTGRES_DB,
                "POSTGRES_PASSWORD_FILE", file.path(),
                "PGDATA", DockerLayout.POSTGRES_DATA));
        // Over TCP, so the socket-only server the entrypoint runs while initialising does not count as up.
        Healthcheck ready = new Healthcheck(List.of("pg_isready", "-h", "127.0.0.1", "-p",
                Integer.toString(DockerLayout.POSTGRES_PORT), "-U", DockerLayout.POSTGRES_USER, "-d",
                DockerLayout.POSTGRES_DB), HEALTH_INTERVAL, HEALTH_TIMEOUT, HEALTH_RETRIES);
        return new ContainerSpec(plan.instance(), DockerLayout.POSTGRES,
                DockerLayout.container(plan.instance(), DockerLayout.POSTGRES), DockerLayout.network(plan.instance()),
                image, List.of(), List.of(), new TreeMap<>(env),
                List.of(Mount.volume(DockerLayout.volume(plan.instance(), DockerLayout.POSTGRES), DockerLayout.POSTGRES_DATA)),
                Optional.empty(), Optional.of(ready), List.of(file));
    }

    private static ContainerSpec zqlite(InstancePlan plan, ImageRef image) {
        // The server command of the ZQLite contract, spelled out rather than left to the image's CMD.
        return new ContainerSpec(plan.instance(), DockerLayout.ZQLITE,
                DockerLayout.container(plan.instance(), DockerLayout.ZQLITE), DockerLayout.network(plan.instance()),
                image, List.of(DockerLayout.ZQLITE_PROGRAM), DockerLayout.ZQLITE_SERVER_ARGS, new TreeMap<>(),
                List.of(Mount.volume(DockerLayout.volume(plan.instance(), DockerLayout.ZQLITE), DockerLayout.ZQLITE_DATA)),
                Optional.empty(), Optional.empty(), List.of());
    }
}
