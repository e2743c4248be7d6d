package dev.drift.ops.cli.docker;

import dev.drift.ops.cli.docker.ContainerSpec.ImageRef;
import dev.drift.ops.cli.docker.ContainerSpec.Mount;
import dev.drift.ops.cli.docker.ContainerSpec.PublishedPort;
import dev.drift.ops.cli.docker.ContainerSpec.SecretFile;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Docker objects one instance is made of, rendered from the deployment model of an
 * {@link InstancePlan} without asking the engine anything: its network, a named volume per
 * component, and a container per component in the model's start order. {@link DockerApplier}
 * makes the engine match it.
 */
public record DesiredInstance(String instance, String network, List<String> volumes, List<ContainerSpec> containers) {

    /** Only the registry is published, and on the loopback address unless said otherwise. */
    public static final String PUBLISH_ADDRESS = "127.0.0.1";

    public DesiredInstance {
        volumes = List.copyOf(volumes);
        containers = List.copyOf(containers);
    }

    public static DesiredInstance of(InstancePlan plan) {
        String instance = plan.instance().name();
        List<ContainerSpec> containers = new ArrayList<>();
        for (DriftComponent component : plan.instance().components()) {
            containers.add(container(plan, component));
        }
        // The registry's volume first: it is the one every instance has.
        List<String> volumes = new ArrayList<>();
        volumes.add(Layout.volume(instance, Layout.REGISTRY));
        containers.stream().map(ContainerSpec::component).filter(name -> !name.equals(Layout.REGISTRY))
                .forEach(name -> volumes.add(Layout.volume(instance, name)));
        return new DesiredInstance(instance, Layout.network(instance), volumes, containers);
    }

    public Optional<ContainerSpec> container(String component) {
        return containers.stream().filter(spec -> spec.component().equals(component)).findFirst();
    }

    private static ContainerSpec container(InstancePlan plan, DriftComponent component) {
        String instance = plan.instance().name();
        String imageId = plan.imageIds().get(component.image());
        if (imageId == null) {
            throw new IllegalArgumentException("no image id looked up for " + component.image());
        }
        List<Mount> mounts = new ArrayList<>();
        component.config().ifPresent(config ->
                mounts.add(Mount.readOnlyFile(plan.configFile().toString(), config.path(), config.text())));
        mounts.add(Mount.volume(Layout.volume(instance, component.name()), component.dataPath()));
        List<SecretFile> secrets = component.secrets().stream()
                .map(file -> new SecretFile(file.name(), secret(plan, file.name()), file.owner()))
                .toList();
        Optional<PublishedPort> published = component.name().equals(Layout.REGISTRY)
                ? Optional.of(new PublishedPort(PUBLISH_ADDRESS, plan.port(), component.port()))
                : Optional.empty();
        return new ContainerSpec(instance, component.name(), component.objectName(), Layout.network(instance),
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
