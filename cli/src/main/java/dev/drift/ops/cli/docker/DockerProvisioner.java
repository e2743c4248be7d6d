package dev.drift.ops.cli.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.ExitCodes;
import dev.drift.ops.cli.SecureFiles;
import dev.drift.ops.cli.docker.ContainerSpec.ImageRef;
import dev.drift.ops.cli.docker.DockerApplier.Applied;
import dev.drift.ops.cli.provision.BlobChoice;
import dev.drift.ops.cli.provision.ComponentStatus;
import dev.drift.ops.cli.provision.Credentials;
import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.cli.provision.Provisioner;
import dev.drift.ops.cli.provision.Readiness;
import dev.drift.ops.cli.provision.UpRequest;
import dev.drift.ops.cli.zqlite.ZqliteContract;
import dev.drift.ops.config.BasicUser;
import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.BlobStorage;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.InstanceRequest;
import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.SeaweedFsIdentities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@code docker} target: Drift and its backend as containers of one instance, reconciled
 * toward a {@link DesiredInstance} by {@link DockerApplier}. The data directory keeps drift.toml,
 * the login, the secrets and a state file naming the instance; the engine finds the containers,
 * volumes and network by their labels, so a lost state file costs nothing that
 * {@code down --target docker --name NAME} cannot find again.
 */
public final class DockerProvisioner implements Provisioner {

    public static final String TARGET = "docker";

    private static final int STOP_TIMEOUT_SECONDS = 30;
    /** How long the ZQLite contract check gives the image's server to answer. */
    private static final Duration CONTRACT_WAIT = Duration.ofSeconds(30);

    private final DockerSettings settings;

    public DockerProvisioner(DockerSettings settings) {
        this.settings = settings;
    }

    public DockerProvisioner() {
        this(DockerSettings.defaults());
    }

    @Override
    public String target() {
        return TARGET;
    }

    /**
     * zqlite needs a server URL, or a drift-zqlite image that meets the ZQLite contract (drift-ops
     * never runs another database in ZQLite's place); the contract check runs the image once.
     */
    @Override
    public Optional<String> preflight(DatabaseBackend backend, Optional<String> zqliteUrl, Console console) {
        if (backend != DatabaseBackend.ZQLITE || zqliteUrl.isPresent()) {
            return Optional.empty();
        }
        String image = settings.zqliteImage();
        try (DockerEngine engine = DockerEngine.connect()) {
            if (engine.imageId(image).isEmpty()) {
                return Optional.of("no image " + image + " (drift-ops build zqlite --source DIR makes it) and no --zqlite-url");
            }
            ZqliteContract.Report report = new ZqliteContract(engine, console, CONTRACT_WAIT).check(image);
            return report.holds() ? Optional.empty() : Optional.of(report.summary());
        }
    }

    @Override
    public Provisioner named(String instance) {
        return new DockerProvisioner(settings.withInstance(instance));
    }

    @Override
    public Deployment up(UpRequest request, Console console) {
        DataDir dataDir = request.dataDir();
        String instance = instanceFor(dataDir);
        try (DockerEngine engine = DockerEngine.connect()) {
            // Everything that can be refused is refused before the engine gets its first object.
            ImageRef registryImage = image(engine, settings.driftImage(), "build it with drift-ops build drift "
                    + "(its JRE base: --jre-image or $" + Images.JRE_ENV + "), or pass --drift-image");
            Optional<ImageRef> backendImage = backendImage(engine, request);
            Optional<ImageRef> seaweedFsImage = request.blobs() == BlobChoice.FS ? Optional.empty()
                    : Optional.of(image(engine, settings.seaweedfsImage(), "build it with drift-ops build seaweedfs "
                            + "(SeaweedFS at the version scripts/versions.env pins), or pass --seaweedfs-image"));
            int port = request.port() == 0 ? freePorts(request.replicas()) : request.port();
            requirePortsFree(engine, instance, port, request.replicas());

            SecureFiles.ownerOnlyDirectory(dataDir.root());
            Credentials credentials = Credentials.loadOrCreate(dataDir.credentials());
            DesiredInstance desired = DesiredInstance.of(plan(request, instance, port, registryImage, backendImage,
                    seaweedFsImage, credentials, console));
            Deployment deployment = new Deployment(TARGET, request.backend(), dataDir, desired.urls(),
                    credentials.user(), List.of(), instance);
            // Recorded before the first object exists, so down finds whatever a broken-off up left.
            deployment.save();
            List<String> createdVolumes = new ArrayList<>();
            try {
                apply(engine, desired, request.readyTimeout(), createdVolumes, console);
            } catch (RuntimeException e) {
                // Volumes an earlier up made hold data and stay; the ones made just now hold nothing yet.
                console.info("up failed; removing the containers of " + instance + " and the volumes this up created");
                removeContainersAndNetwork(engine, instance, console);
                createdVolumes.forEach(volume -> engine.client().removeVolumeCmd(volume).exec());
                if (volumesOf(engine, instance).isEmpty()) {
                    deployment.delete(); // nothing of the instance is left for the state file to lead to
                }
                throw e instanceof DockerException refused
                        ? CliException.provisioning("the Docker engine refused: " + DockerEngine.rootMessage(refused))
                        : e;
            }
            return deployment;
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.CONFIG, e.getMessage(), e);
        } catch (IOException e) {
            throw CliException.io("cannot prepare " + dataDir.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Everything the containers need from the data directory, made on first use and reused after:
     * the PostgreSQL password and URL and the login's bcrypt entry as 0600 secret files (the entry
     * kept while it still matches the password, so an unchanged instance stays byte for byte the
     * same), drift.toml as the deployment model renders it.
     */
    private InstancePlan plan(UpRequest request, String instance, int port, ImageRef registryImage,
                              Optional<ImageRef> backendImage, Optional<ImageRef> seaweedFsImage,
                              Credentials credentials, Console console) throws IOException, ConfigException {
        DataDir dataDir = request.dataDir();
        SecureFiles.ownerOnlyDirectory(dataDir.secrets());
        BlobStorage storage = seaweedFsImage.<BlobStorage>map(image -> new BlobStorage.OwnSeaweedFs(image.name()))
                .orElse(BlobStorage.VOLUME);
        DriftInstance model;
        try {
            model = DriftInstance.of(new InstanceRequest(instance, request.backend(), registryImage.name(),
                    backendImage.map(ImageRef::name), request.zqliteUrl(), InstanceRequest.Hosts.OBJECT_NAMES, true,
                    System.getenv(JvmOptions.USER_ENV), storage, request.replicas()));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Map<String, Secret> secrets = new HashMap<>();
        String users = credentials.bcryptEntry(existingUsers(dataDir));
        secrets.put(Layout.BASIC_USERS_SECRET, Secret.of(users));
        if (request.backend() == DatabaseBackend.POSTGRES) {
            Secret url;
            if (backendImage.isPresent()) {
                Secret password = loadOrCreateSecret(dataDir, Layout.POSTGRES_PASSWORD_SECRET);
                secrets.put(Layout.POSTGRES_PASSWORD_SECRET, password);
                url = model.managedPostgresUrl(password);
            } else {
                url = request.postgres().orElseThrow().urlWithPassword();
            }
            secrets.put(Layout.POSTGRES_URL_SECRET, url);
        }
        if (seaweedFsImage.isPresent()) {
            Secret accessKey = loadOrCreateSecret(dataDir, Layout.S3_ACCESS_KEY_SECRET);
            Secret secretKey = loadOrCreateSecret(dataDir, Layout.S3_SECRET_KEY_SECRET);
            secrets.put(Layout.S3_ACCESS_KEY_SECRET, accessKey);
            secrets.put(Layout.S3_SECRET_KEY_SECRET, secretKey);
            secrets.put(Layout.S3_IDENTITIES_SECRET, SeaweedFsIdentities.of(accessKey, secretKey));
        }
        for (var secret : secrets.entrySet()) {
            SecureFiles.writeOwnerOnly(dataDir.secret(secret.getKey()), secret.getValue().reveal());
        }
        String text = model.registry().config().orElseThrow().text();
        // What the container will load: this text with the secret files beside it.
        Map<String, String> env = new HashMap<>(Map.of("DRIFT_AUTH_BASIC_USERS", users));
        if (secrets.containsKey(Layout.POSTGRES_URL_SECRET)) {
            env.put("DRIFT_DATABASE_POSTGRES_URL", secrets.get(Layout.POSTGRES_URL_SECRET).reveal());
        }
        if (seaweedFsImage.isPresent()) {
            env.put("DRIFT_STORAGE_S3_ACCESS_KEY", secrets.get(Layout.S3_ACCESS_KEY_SECRET).reveal());
            env.put("DRIFT_STORAGE_S3_SECRET_KEY", secrets.get(Layout.S3_SECRET_KEY_SECRET).reveal());
        }
        DriftConfig.parse(text, Layout.CONFIG_PATH, env).warnings().forEach(warning -> console.info("warning: " + warning));
        writeConfig(dataDir, text);
        Map<String, String> imageIds = new HashMap<>(Map.of(registryImage.name(), registryImage.id()));
        backendImage.ifPresent(image -> imageIds.put(image.name(), image.id()));
        seaweedFsImage.ifPresent(image -> imageIds.put(image.name(), image.id()));
        return new InstancePlan(model, port, imageIds, dataDir.config(), secrets);
    }

    @Override
    public List<ComponentStatus> status(Deployment deployment) {
        try (DockerEngine engine = DockerEngine.connect()) {
            List<ComponentStatus> rows = new ArrayList<>();
            for (Container container : DockerApplier.containersOf(engine, deployment.instance())) {
                // By the name logs takes: a component, or registry-2 and on for the registry's other replicas.
                String prefix = Layout.network(deployment.instance()) + "-";
                String name = DockerApplier.nameOf(container);
                String component = name.startsWith(prefix) ? name.substring(prefix.length())
                        : container.getLabels().getOrDefault(Layout.COMPONENT_LABEL, "?");
                InspectContainerResponse inspected = engine.client().inspectContainerCmd(container.getId()).exec();
                Optional<String> published = boundPort(inspected).map(ContainerSpec.PublishedPort::url);
                String endpoint = published.orElse(DockerApplier.nameOf(container) + " (network "
                        + Layout.network(deployment.instance()) + ")");
                rows.add(new ComponentStatus(component, ImageBuilder.shortId(container.getId()),
                        health(inspected, published), endpoint));
            }
            if (rows.stream().noneMatch(row -> row.component().equals(Layout.REGISTRY))) {
                rows.add(new ComponentStatus(Layout.REGISTRY, "-", "missing", deployment.url()));
            }
            return rows;
        }
    }

    @Override
    public void down(Deployment deployment, boolean purge, Console console) {
        try (DockerEngine engine = DockerEngine.connect()) {
            removeContainersAndNetwork(engine, deployment.instance(), console);
            if (purge) {
                for (String volume : volumesOf(engine, deployment.instance())) {
                    engine.client().removeVolumeCmd(volume).exec();
                    console.info("  volume " + volume + ": removed");
                }
            }
        }
        // Without --purge the state file stays: the volumes still belong to the data directory,
        // and a later up, or down --purge, finds the instance by it.
        if (purge && ownsDataDir(deployment)) {
            deployment.dataDir().purge(console);
        }
    }

    @Override
    public void awaitExit(Deployment deployment) throws InterruptedException {
        try (DockerEngine engine = DockerEngine.connect()) {
            Optional<InspectContainerResponse> registry = DockerApplier.inspect(engine,
                    Layout.container(deployment.instance(), Layout.REGISTRY));
            if (registry.isPresent()) {
                engine.client().waitContainerCmd(registry.get().getId()).exec(new WaitContainerResultCallback())
                        .awaitCompletion();
            }
        }
    }

    @Override
    public void logs(Deployment deployment, String component, int lines, boolean follow, Consumer<String> sink) {
        String container = Layout.container(deployment.instance(), component);
        try (DockerEngine engine = DockerEngine.connect()) {
            String id = DockerApplier.inspect(engine, container)
                    .orElseThrow(() -> new CliException(ExitCodes.NOT_RUNNING, "no container " + container
                            + " (components: registry, registry-2 and on for replicas, postgres, zqlite, seaweedfs; is the instance up?)"))
                    .getId();
            ContainerLogs.stream(engine, id, lines, follow, sink);
        }
    }

    /** The instance as the engine has it, found by its labels; empty when neither a container nor a volume of it exists. */
    @Override
    public Optional<Deployment> find(String name, DataDir dataDir) {
        try (DockerEngine engine = DockerEngine.connect()) {
            List<Container> containers = DockerApplier.containersOf(engine, name);
            if (containers.isEmpty()) {
                // Only volumes left (after down): still something down --purge can act on by name.
                return volumesOf(engine, name).isEmpty() ? Optional.empty()
                        : Optional.of(new Deployment(TARGET, DatabaseBackend.SQLITE, dataDir, "-",
                                Credentials.DEFAULT_USER, List.of(), name));
            }
            DatabaseBackend backend = DatabaseBackend.SQLITE;
            List<ContainerSpec.PublishedPort> ports = new ArrayList<>();
            for (Container container : containers) {
                switch (container.getLabels().getOrDefault(Layout.COMPONENT_LABEL, "")) {
                    case Layout.POSTGRES -> backend = DatabaseBackend.POSTGRES;
                    case Layout.ZQLITE -> backend = DatabaseBackend.ZQLITE;
                    case Layout.REGISTRY -> publishedPort(container).ifPresent(ports::add);
                    default -> { }
                }
            }
            // The replicas in the order of their ports: registry, registry-2, ... (as up publishes them).
            String url = ports.isEmpty() ? "-" : ports.stream()
                    .sorted(Comparator.comparingInt(ContainerSpec.PublishedPort::hostPort))
                    .map(ContainerSpec.PublishedPort::url).collect(Collectors.joining(","));
            return Optional.of(new Deployment(TARGET, backend, dataDir, url, Credentials.DEFAULT_USER, List.of(), name));
        }
    }

    /** The port a running registry container is published on, if it is. */
    private static Optional<ContainerSpec.PublishedPort> publishedPort(Container container) {
        return Arrays.stream(container.getPorts())
                .filter(port -> port.getPublicPort() != null)
                .findFirst()
                .map(port -> new ContainerSpec.PublishedPort(port.getIp(), port.getPublicPort(), port.getPrivatePort()));
    }

    /** The port a container is bound to on this machine, running or not (a stopped one lists no ports). */
    private static Optional<ContainerSpec.PublishedPort> boundPort(InspectContainerResponse inspected) {
        var bindings = inspected.getHostConfig() == null ? null : inspected.getHostConfig().getPortBindings();
        if (bindings == null) {
            return Optional.empty();
        }
        return bindings.getBindings().entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .flatMap(entry -> Arrays.stream(entry.getValue())
                        .filter(binding -> binding.getHostPortSpec() != null && !binding.getHostPortSpec().isEmpty())
                        .map(binding -> new ContainerSpec.PublishedPort(binding.getHostIp(),
                                Integer.parseInt(binding.getHostPortSpec()), entry.getKey().getPort())))
                .findFirst();
    }

    /** Names the instance: --name, else what the data directory recorded, else the default. */
    private String instanceFor(DataDir dataDir) {
        Optional<Deployment> recorded;
        try {
            recorded = Deployment.load(dataDir);
        } catch (IOException e) {
            throw CliException.io("cannot read " + dataDir.state() + ": " + e.getMessage(), e);
        }
        if (recorded.isPresent() && !recorded.get().target().equals(TARGET)) {
            throw CliException.provisioning(dataDir.root() + " holds a Drift of target " + recorded.get().target()
                    + "; stop it with drift-ops down --data-dir " + dataDir.root() + " or choose another --data-dir");
        }
        Optional<String> recordedName = recorded.map(Deployment::instance);
        String name = settings.instance().or(() -> recordedName).orElse(Layout.DEFAULT_INSTANCE);
        if (!name.matches(Layout.INSTANCE_PATTERN)) {
            throw CliException.usage("--name must be lower-case letters, digits and '-' (at most 40, starting with "
                    + "a letter or digit), got \"" + name + "\"");
        }
        if (recordedName.isPresent() && !recordedName.get().equals(name)) {
            throw CliException.usage(dataDir.root() + " belongs to instance " + recordedName.get() + ", not " + name
                    + "; one data directory serves one instance");
        }
        return name;
    }

    private Optional<ImageRef> backendImage(DockerEngine engine, UpRequest request) {
        return switch (request.backend()) {
            case SQLITE -> Optional.empty();
            case POSTGRES -> request.postgres().isPresent() ? Optional.empty()
                    : Optional.of(image(engine, settings.postgresImage(), "pull it (docker pull " + settings.postgresImage()
                            + "), or build a local one with scripts/build-base-images.sh and set " + Images.POSTGRES_ENV
                            + "=drift-local/postgres:latest (or pass --postgres-image), or use --postgres-url"));
            case ZQLITE -> request.zqliteUrl().isPresent() ? Optional.empty()
                    : Optional.of(image(engine, settings.zqliteImage(), "build it from ZQLite's source with drift-ops "
                            + "build zqlite --source DIR, or pass --zqlite-url for a ZQLite server you run"));
        };
    }

    private static ImageRef image(DockerEngine engine, String name, String howToMakeIt) {
        return new ImageRef(name, engine.requireImage(name, howToMakeIt));
    }

    /** Ports {@code first} .. {@code first + count - 1} must be free, unless this instance's own registries hold them. */
    private static void requirePortsFree(DockerEngine engine, String instance, int first, int count) {
        Set<Integer> ours = DockerApplier.containersOf(engine, instance).stream()
                .filter(container -> Layout.REGISTRY.equals(container.getLabels().get(Layout.COMPONENT_LABEL)))
                .flatMap(container -> Arrays.stream(container.getPorts()))
                .map(ContainerPort::getPublicPort)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        for (int port = first; port < first + count; port++) {
            if (!ours.contains(port) && !isFree(port)) {
                throw CliException.provisioning("port " + port + " on " + DesiredInstance.PUBLISH_ADDRESS + " is in use "
                        + "by something other than instance " + instance + "; stop what holds it or choose another --port");
            }
        }
    }

    /** The first of {@code count} consecutive free ports (one replica each), tried a bounded number of times. */
    private static int freePorts(int count) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int first;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(DesiredInstance.PUBLISH_ADDRESS))) {
                first = socket.getLocalPort();
            } catch (IOException e) {
                throw CliException.provisioning("no free port on " + DesiredInstance.PUBLISH_ADDRESS + ": "
                        + e.getMessage());
            }
            final int start = first;
            if (start + count - 1 <= 65535
                    && java.util.stream.IntStream.range(1, count).allMatch(offset -> isFree(start + offset))) {
                return start;
            }
        }
        throw CliException.provisioning("no " + count + " consecutive free ports on " + DesiredInstance.PUBLISH_ADDRESS
                + "; pass --port");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(DesiredInstance.PUBLISH_ADDRESS))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Secret loadOrCreateSecret(DataDir dataDir, String name) throws IOException {
        Path file = dataDir.secret(name);
        if (Files.isRegularFile(file)) {
            return Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        Secret secret = Credentials.randomSecret();
        SecureFiles.writeOwnerOnly(file, secret.reveal());
        return secret;
    }

    /** The login entry an earlier up wrote, so its bcrypt hash can be kept while it matches. */
    private static List<BasicUser> existingUsers(DataDir dataDir) throws IOException {
        Path file = dataDir.secret(Layout.BASIC_USERS_SECRET);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.of(BasicUser.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (RuntimeException e) {
            return List.of(); // an unreadable old entry is replaced with a fresh one
        }
    }

    /**
     * drift.toml for the container: it holds no secret value (the database URL and the login travel
     * as secret files), and the container's user (uid 10001) reads it through the bind mount, so it is 0644;
     * the data directory around it stays 0700, closed to other users of this machine.
     */
    private static void writeConfig(DataDir dataDir, String text) throws IOException {
        if (Files.isRegularFile(dataDir.config()) && Files.readString(dataDir.config()).equals(text)) {
            return;
        }
        SecureFiles.writeOwnerOnly(dataDir.config(), text);
        Files.setPosixFilePermissions(dataDir.config(), PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void apply(DockerEngine engine, DesiredInstance desired, Duration timeout,
                              List<String> createdVolumes, Console console) {
        DockerApplier applier = new DockerApplier(engine, console);
        console.info("instance " + desired.instance() + " on " + engine.host() + ":");
        applier.ensureNetworkAndVolumes(desired).stream()
                .filter(change -> change.kind().equals("volume") && change.outcome() == DockerApplier.Outcome.CREATED)
                .forEach(change -> createdVolumes.add(change.name()));
        applier.removeUnwanted(desired);
        for (ContainerSpec spec : desired.containers()) {
            Applied applied = applier.ensure(spec);
            if (spec.published().isPresent()) {
                ContainerWaits.awaitReady(engine, applied.containerId(), spec, spec.published().get().url(), timeout,
                        console);
            } else {
                ContainerWaits.awaitHealthy(engine, applied.containerId(), spec, timeout, console);
            }
        }
    }

    private static String health(InspectContainerResponse inspected, Optional<String> readyzOf) {
        var state = inspected.getState();
        if (!Boolean.TRUE.equals(state.getRunning())) {
            return state.getStatus();
        }
        String engineHealth = state.getHealth() == null ? "running" : state.getHealth().getStatus();
        if (readyzOf.isEmpty()) {
            return engineHealth;
        }
        String readiness = Readiness.check(readyzOf.get());
        return engineHealth.equals("unhealthy") ? readiness + " (unhealthy)" : readiness;
    }

    /** Stops and removes every container of the instance (registry first), then its network. */
    private static void removeContainersAndNetwork(DockerEngine engine, String instance, Console console) {
        List<Container> containers = new ArrayList<>(DockerApplier.containersOf(engine, instance));
        // Registry first: it holds connections to the database.
        containers.sort((a, b) -> Boolean.compare(!isRegistry(a), !isRegistry(b)));
        for (Container container : containers) {
            try {
                if ("running".equals(container.getState())) {
                    engine.client().stopContainerCmd(container.getId()).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                }
                engine.removeContainer(container.getId());
                console.info("  container " + DockerApplier.nameOf(container) + ": removed");
            } catch (NotFoundException e) {
                // Gone already (removed by someone else meanwhile): nothing left to do.
            }
        }
        engine.client().listNetworksCmd().withNameFilter(Layout.network(instance)).exec().stream()
                .filter(network -> network.getName().equals(Layout.network(instance)))
                .filter(network -> instance.equals(network.getLabels().get(Layout.INSTANCE_LABEL)))
                .forEach(network -> {
                    engine.client().removeNetworkCmd(network.getId()).exec();
                    console.info("  network " + network.getName() + ": removed");
                });
    }

    private static List<String> volumesOf(DockerEngine engine, String instance) {
        var volumes = engine.client().listVolumesCmd()
                .withFilter("label", List.of(Layout.INSTANCE_LABEL + "=" + instance)).exec().getVolumes();
        return volumes == null ? List.of() : volumes.stream().map(volume -> volume.getName()).toList();
    }

    private static boolean isRegistry(Container container) {
        return Layout.REGISTRY.equals(container.getLabels().get(Layout.COMPONENT_LABEL));
    }

    /** The data directory is this instance's only when its state file says so. */
    private static boolean ownsDataDir(Deployment deployment) {
        try {
            return Deployment.load(deployment.dataDir())
                    .filter(recorded -> recorded.target().equals(TARGET) && recorded.instance().equals(deployment.instance()))
                    .isPresent();
        } catch (IOException e) {
            throw CliException.io("cannot read " + deployment.dataDir().state() + ": " + e.getMessage(), e);
        }
    }
}
