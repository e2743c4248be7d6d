package dev.drift.ops.cli.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.cli.docker.ContainerSpec.Mount;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the engine match a {@link DesiredInstance}, one object at a time, and says what it did to
 * each: a missing object is created, a container whose config-hash label matches is left alone
 * (started if it was stopped), a container with another hash is removed and created anew. Nothing
 * else is touched, so {@code up} on an unchanged running instance changes nothing.
 */
public final class DockerApplier {

    /** What {@code up} did to one object. */
    public enum Outcome {
        CREATED("created"), UP_TO_DATE("up to date"), RECREATED("recreated"), STARTED("started"), REMOVED("removed");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One line of {@code up}'s report, e.g. {@code container drift-dev-registry: up to date}. */
    public record Change(String kind, String name, Outcome outcome) {
        @Override
        public String toString() {
            return kind + " " + name + ": " + outcome;
        }
    }

    private final DockerEngine engine;
    private final Console console;

    public DockerApplier(DockerEngine engine, Console console) {
        this.engine = engine;
        this.console = console;
    }

    /** The network and the named volumes; volumes are never recreated (they hold the data). */
    public List<Change> ensureNetworkAndVolumes(DesiredInstance desired) {
        List<Change> changes = new ArrayList<>();
        DockerClient client = engine.client();
        Map<String, String> labels = Map.of(Layout.INSTANCE_LABEL, desired.instance());
        if (findNetwork(desired.network()).isPresent()) {
            changes.add(report(new Change("network", desired.network(), Outcome.UP_TO_DATE)));
        } else {
            client.createNetworkCmd().withName(desired.network()).withDriver("bridge").withLabels(labels).exec();
            changes.add(report(new Change("network", desired.network(), Outcome.CREATED)));
        }
        for (String volume : desired.volumes()) {
            try {
                client.inspectVolumeCmd(volume).exec();
                changes.add(report(new Change("volume", volume, Outcome.UP_TO_DATE)));
            } catch (NotFoundException e) {
                client.createVolumeCmd().withName(volume).withLabels(labels).exec();
                changes.add(report(new Change("volume", volume, Outcome.CREATED)));
            }
        }
        return changes;
    }

    /** Removes containers of the instance that the desired state no longer has (e.g. after a backend change). */
    public List<Change> removeUnwanted(DesiredInstance desired) {
        Set<String> wanted = desired.containers().stream().map(ContainerSpec::name).collect(Collectors.toSet());
        List<Change> changes = new ArrayList<>();
        for (Container container : containersOf(engine, desired.instance())) {
            String name = nameOf(container);
            if (!wanted.contains(name)) {
                engine.removeContainer(container.getId());
                changes.add(report(new Change("container", name, Outcome.REMOVED)));
            }
        }
        return changes;
    }

    /** Brings one container to its spec; answers what was done and the container's id. */
    public Applied ensure(ContainerSpec spec) {
        Optional<InspectContainerResponse> existing = inspect(engine, spec.name());
        Outcome outcome;
        if (existing.isEmpty()) {
            outcome = Outcome.CREATED;
        } else {
            InspectContainerResponse current = existing.get();
            Map<String, String> labels = current.getConfig().getLabels();
            if (labels == null || !spec.instance().equals(labels.get(Layout.INSTANCE_LABEL))) {
                throw CliException.provisioning("a container named " + spec.name() + " exists that drift-ops did not "
                        + "create for instance " + spec.instance() + "; remove or rename it, or choose another --name");
            }
            if (spec.configHash().equals(labels.get(Layout.CONFIG_HASH_LABEL))) {
                if (Boolean.TRUE.equals(current.getState().getRunning())) {
                    return new Applied(current.getId(), report(new Change("container", spec.name(), Outcome.UP_TO_DATE)));
                }
                engine.client().startContainerCmd(current.getId()).exec();
                return new Applied(current.getId(), report(new Change("container", spec.name(), Outcome.STARTED)));
            }
            console.detail("container " + spec.name() + ": config hash changed, replacing it");
            engine.removeContainer(current.getId());
            outcome = Outcome.RECREATED;
        }
        String id = create(spec);
        ContainerSecrets.copyInto(engine, id, spec.secrets());
        engine.client().startContainerCmd(id).exec();
        return new Applied(id, report(new Change("container", spec.name(), outcome)));
    }

    /** A container {@link #ensure} dealt with. */
    public record Applied(String containerId, Change change) {
    }

    private String create(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(spec.network())
                .withRestartPolicy(RestartPolicy.parse(ContainerSpec.RESTART_POLICY))
                .withMounts(spec.mounts().stream().map(DockerApplier::mount).toList());
        CreateContainerCmd create = engine.client().createContainerCmd(spec.image().name())
                .withName(spec.name())
                .withEnv(spec.envList())
                .withLabels(spec.labels());
        if (!spec.entrypoint().isEmpty()) {
            create.withEntrypoint(spec.entrypoint());
        }
        if (!spec.command().isEmpty()) {
            create.withCmd(spec.command());
        }
        spec.published().ifPresent(port -> {
            ExposedPort exposed = ExposedPort.tcp(port.containerPort());
            Ports bindings = new Ports();
            bindings.bind(exposed, Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()));
            create.withExposedPorts(exposed);
            host.withPortBindings(bindings);
        });
        spec.healthcheck().ifPresent(check -> {
            List<String> test = new ArrayList<>();
            test.add("CMD");
            test.addAll(check.asCommand());
            create.withHealthcheck(new HealthCheck().withTest(test).withInterval(Probe.PERIOD.toNanos())
                    .withTimeout(Probe.TIMEOUT.toNanos()).withRetries(Probe.FAILURE_THRESHOLD)
                    .withStartPeriod(Probe.START_PERIOD.toNanos()));
        });
        return create.withHostConfig(host).exec().getId();
    }

    private static com.github.dockerjava.api.model.Mount mount(Mount mount) {
        return new com.github.dockerjava.api.model.Mount()
                .withType(mount.kind() == Mount.Kind.VOLUME ? MountType.VOLUME : MountType.BIND)
                .withSource(mount.source())
                .withTarget(mount.target())
                .withReadOnly(mount.readOnly());
    }

    private Optional<Network> findNetwork(String name) {
        // The name filter matches substrings; only the exact name counts.
        return engine.client().listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(network -> network.getName().equals(name)).findFirst();
    }

    private Change report(Change change) {
        console.info("  " + change);
        return change;
    }

    /** The container called {@code name}, if there is one. */
    static Optional<InspectContainerResponse> inspect(DockerEngine engine, String name) {
        try {
            return Optional.of(engine.client().inspectContainerCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every container, running or not, labelled with {@code instance}. */
    static List<Container> containersOf(DockerEngine engine, String instance) {
        return engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Layout.INSTANCE_LABEL, instance)).exec();
    }

    static String nameOf(Container container) {
        String name = container.getNames() == null || container.getNames().length == 0 ? container.getId()
                : container.getNames()[0];
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
