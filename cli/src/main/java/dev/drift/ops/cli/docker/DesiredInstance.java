package dev.drift.ops.cli.docker;

import dev.drift.ops.cli.docker.ContainerSpec.ImageRef;
import dev.drift.ops.cli.docker.ContainerSpec.Mount;
import dev.drift.ops.cli.docker.ContainerSpec.PublishedPort;
import dev.drift.ops.cli.docker.ContainerSpec.SecretFile;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Docker objects one instance is made of, rendered from the deployment model of an
 * {@link InstancePlan} without asking the engine anything: its network, a named volume per
 * component (none for a stateless registry), and a container per component in the model's start order, one per
 * replica for the registry, each published on a port of its own. {@link DockerApplier} makes the engine match it.
 */
public record DesiredInstance(String instance, String network, List<String> volumes, List<ContainerSpec> containers) {

    /** Only the registry is published, and on the loopback address unless said otherwise. */
    public static final String PUBLISH_ADDRESS = "127.0.0.1";

    public DesiredInstance {
        volumes = List.copyOf(volumes);
        containers = List.copyOf(containers);
    }

    public static DesiredInstance of(InstancePlan plan) {
        DriftInstance model = plan.instance();
        String instance = model.name();
        List<ContainerSpec> containers = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        // The registry's volume first, when it has one: a stateless registry keeps nothing that must outlive it.
        if (!model.stateless()) {
            volumes.add(Layout.volume(instance, Layout.REGISTRY));
        }
        for (DriftComponent component : model.components()) {
            if (component.name().equals(Layout.REGISTRY)) {
                for (int replica = 0; replica < model.replicas(); replica++) {
                    containers.add(container(plan, component, Layout.replica(instance, replica),
                            Optional.of(new PublishedPort(PUBLISH_ADDRESS, plan.port() + replica, component.port())),
                            !model.stateless()));
                }
            } else {
                containers.add(container(plan, component, component.objectName(), Optional.empty(), true));
                volumes.add(Layout.volume(instance, component.name()));
            }
        }
        return new DesiredInstance(instance, Layout.network(instance), volumes, containers);
    }

    /** The first container of {@code component} (the first replica, for the registry). */
    public Optional<ContainerSpec> container(String component) {
        return containers.stream().filter(spec -> spec.component().equals(component)).findFirst();
    }

    /** Where clients reach the registry: its replicas' URLs, comma-separated (what {@code drift-ops test} takes). */
    public String urls() {
        return String.join(",", containers.stream().flatMap(spec -> spec.published().stream())
                .map(PublishedPort::url).toList());
    }

    private static ContainerSpec container(InstancePlan plan, DriftComponent component, String containerName,
                                           Optional<PublishedPort> published, boolean withVolume) {
        String instance = plan.instance().name();
        String imageId = plan.imageIds().get(component.image());
        if (imageId == null) {
            throw new IllegalArgumentException("no image id looked up for " + component.image());
        }
        List<Mount> mounts = new ArrayList<>();
        component.config().ifPresent(config ->
                mounts.add(Mount.readOnlyFile(plan.configFile().toString(), config.path(), config.text())));
        if (withVolume) {
            mounts.add(Mount.volume(Layout.volume(instance, component.name()), component.dataPath()));
        }
        List<SecretFile> secrets = component.secrets().stream()
                .map(file -> new SecretFile(file.name(), secret(plan, file.name()), file.owner()))
                .toList();
        return new ContainerSpec(instance, component.name(), containerName, Layout.network(instance),
                new ImageRef(component.image(), imageId), component.entrypoint(), component.args(), component.env(),
                mounts, published, Optional.of(component.readiness()), secrets);
    }

    private static Secret secret(InstancePlan plan, String name) {
        Secret content = plan.secrets().get(name);
        if (content == null) {
            throw new IllegalArgumentException("no content given for the secret file " + name);
        }
        return content;
    }
}
