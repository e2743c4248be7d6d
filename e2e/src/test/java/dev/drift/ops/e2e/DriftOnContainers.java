package dev.drift.ops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * One Drift on Docker as {@code docker compose up} deploys it (the same names, paths and
 * compose/drift.toml; see dev.drift.ops.cli.docker.Layout, which this module cannot depend
 * on): a network of its own, the backend's container reachable by its service name, and Drift with
 * the config mounted at /etc/drift/drift.toml, secrets as files under /run/secrets and its port
 * published on 127.0.0.1 alone. Everything is named {@code drift-e2e-<id>-...} and removed on close.
 * Images are never pulled: only images already on the engine run.
 */
final class DriftOnContainers implements AutoCloseable {

    static final int REGISTRY_PORT = 5000;
    static final String USER = "e2e";

    private static final String CONFIG_PATH = "/etc/drift/drift.toml";
    private static final String SECRETS_DIR = "/run/secrets/";
    private static final String POSTGRES_PASSWORD_SECRET = "postgres_password";
    private static final String POSTGRES_URL_SECRET = "postgres_url";
    private static final String USERS_SECRET = "drift_users";
    private static final String DATABASE = "drift";
    private static final int ZQLITE_PORT = 5433;
    /** Read by the containers' own users (drift uid 10001, postgres), not root: readable by all, inside the container. */
    private static final int SECRET_MODE = 0444;
    private static final int BCRYPT_COST = 10;
    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String prefix = "drift-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = "pw-" + UUID.randomUUID();
    private final List<AutoCloseable> started = new ArrayList<>();
    private GenericContainer<?> drift;

    /**
     * Starts {@code backend} (sqlite, postgres or zqlite) from {@code backendImage} (unused for
     * sqlite) and Drift from {@code driftImage} on it.
     */
    static DriftOnContainers start(String driftImage, String backend, String backendImage, Path composeDir) {
        DriftOnContainers containers = new DriftOnContainers();
        try {
            containers.startAll(driftImage, backend, backendImage, composeDir);
            return containers;
        } catch (RuntimeException e) {
            containers.close();
            throw e;
        }
    }

    String url() {
        return "http://127.0.0.1:" + drift.getMappedPort(REGISTRY_PORT);
    }

    E2eTarget target() {
        return E2eTarget.withCredentials(url(), USER, password);
    }

    /** Every host address Drift's port is published on, to prove it is 127.0.0.1 alone. */
    List<String> publishedAddresses() {
        List<String> addresses = new ArrayList<>();
        drift.getContainerInfo().getNetworkSettings().getPorts().getBindings().values().forEach(bindings -> {
            for (Ports.Binding binding : bindings) {
                addresses.add(binding.getHostIp());
            }
        });
        return addresses;
    }

    String driftLog() {
        return drift.getLogs();
    }

    /** True when the engine has {@code image}; nothing is pulled to find out. */
    static boolean imageExists(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void startAll(String driftImage, String backend, String backendImage, Path composeDir) {
        Network network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withName(prefix)).build();
        started.add(network);
        GenericContainer<?> registry = container(driftImage, "registry", network)
                .withCopyToContainer(Transferable.of(read(composeDir.resolve("drift.toml"))), CONFIG_PATH)
                .withCopyToContainer(secret(USER + ":" + BCrypt.withDefaults().hashToString(BCRYPT_COST,
                        password.toCharArray())), SECRETS_DIR + USERS_SECRET)
                .withEnv("DRIFT_DATABASE_BACKEND", backend)
                .withEnv("DRIFT_AUTH_MODE", "basic")
                .withEnv("DRIFT_AUTH_BASIC_USERS_FILE", SECRETS_DIR + USERS_SECRET)
                .withExposedPorts(REGISTRY_PORT)
                .withCreateContainerCmdModifier(DriftOnContainers::publishOnLoopbackOnly)
                .waitingFor(new ReadyzOnLoopback(REGISTRY_PORT, READY_TIMEOUT));
        switch (backend) {
            case "sqlite" -> { }
            case "postgres" -> {
                String databasePassword = "pg-" + UUID.randomUUID().toString().replace("-", "");
                start(container(backendImage, "postgres", network)
                        .withEnv("POSTGRES_DB", DATABASE)
                        .withEnv("POSTGRES_USER", DATABASE)
                        .withEnv("POSTGRES_PASSWORD_FILE", SECRETS_DIR + POSTGRES_PASSWORD_SECRET)
                        .withCopyToContainer(secret(databasePassword), SECRETS_DIR + POSTGRES_PASSWORD_SECRET)
                        .waitingFor(Wait.forSuccessfulCommand("pg_isready -h 127.0.0.1 -U " + DATABASE + " -d " + DATABASE)
                                .withStartupTimeout(BACKEND_TIMEOUT)));
                registry.withEnv("DRIFT_DATABASE_POSTGRES_URL_FILE", SECRETS_DIR + POSTGRES_URL_SECRET)
                        .withCopyToContainer(secret("postgres://" + DATABASE + ":" + databasePassword
                                + "@postgres:5432/" + DATABASE), SECRETS_DIR + POSTGRES_URL_SECRET);
            }
            case "zqlite" -> start(container(backendImage, "zqlite", network)
                    .withCommand("zqlite", "server", "--port", String.valueOf(ZQLITE_PORT), "--data-dir", "/var/lib/zqlite")
                    .waitingFor(Wait.forSuccessfulCommand("zqlite ping").withStartupTimeout(BACKEND_TIMEOUT)));
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        }
        drift = start(registry);
    }

    /** A container of a local image (never pulled) named {@code <prefix>-<service>}, reachable as {@code service}. */
    private GenericContainer<?> container(String image, String service, Network network) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image));
        return container.withImagePullPolicy(name -> false)
                .withNetwork(network)
                .withNetworkAliases(service)
                .withCreateContainerCmdModifier(cmd -> cmd.withName(prefix + "-" + service));
    }

    private <T extends GenericContainer<?>> T start(T container) {
        started.add(container);
        container.start();
        return container;
    }

    /**
     * Testcontainers publishes on every interface; this binds each exposed port to 127.0.0.1 with
     * a random host port instead, so the registry is reachable from this host only.
     */
    private static void publishOnLoopbackOnly(CreateContainerCmd cmd) {
        List<PortBinding> bindings = new ArrayList<>();
        for (ExposedPort port : cmd.getExposedPorts()) {
            bindings.add(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), port));
        }
        cmd.getHostConfig().withPortBindings(bindings);
    }

    private static Transferable secret(String value) {
        return Transferable.of((value + "\n").getBytes(StandardCharsets.UTF_8), SECRET_MODE);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Stops and removes the containers (with their anonymous volumes), then the network, last started first. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot remove " + prefix + " resources", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
