package dev.drift.ops.cli.zqlite;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.drift.ops.cli.CliException;
import dev.drift.ops.deploy.Layout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The one container the contract check runs, on a network and a data volume of its own (all named
 * {@code drift-zqlite-check-<random>} and labelled), its port published on 127.0.0.1 only. {@link #close()} removes
 * all three, whatever happened.
 */
final class ContractContainer implements AutoCloseable {

    static final String NAME_PREFIX = "drift-zqlite-check-";
    static final String COMPONENT = "zqlite-contract-check";

    private static final ExposedPort PORT = ExposedPort.tcp(Layout.ZQLITE_PORT);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);

    /** What a command run in the container (or the container itself) printed and how it ended. */
    record Exit(long code, String output) {
    }

    private final DockerClient client;
    private final String name;
    private String containerId;
    private boolean volumeCreated;
    private boolean networkCreated;

    ContractContainer(DockerClient client) {
        this.client = client;
        this.name = NAME_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    String name() {
        return name;
    }

    /** Creates the network, the volume and the container (entrypoint {@code entrypoint}, arguments {@code args}). */
    void create(String image, String entrypoint, List<String> args) {
        Map<String, String> labels = Map.of(Layout.COMPONENT_LABEL, COMPONENT);
        client.createNetworkCmd().withName(name).withLabels(labels).exec();
        networkCreated = true;
        client.createVolumeCmd().withName(name).withLabels(labels).exec();
        volumeCreated = true;
        Ports ports = new Ports();
        ports.bind(PORT, Ports.Binding.bindIp("127.0.0.1"));
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(name)
                .withPortBindings(ports)
                .withBinds(new Bind(name, new Volume(Layout.ZQLITE_DATA)));
        containerId = client.createContainerCmd(image)
                .withName(name)
                .withLabels(labels)
                .withEntrypoint(entrypoint)
                .withCmd(args)
                .withExposedPorts(PORT)
                .withHostConfig(host)
                .exec()
                .getId();
    }

    /**
     * Starts the container.
     *
     * @throws DockerException when the engine cannot, e.g. because the entrypoint does not exist in the image
     */
    void start() {
        client.startContainerCmd(containerId).exec();
    }

    /** The exit code when the container has stopped. */
    OptionalInt exitCode() {
        InspectContainerResponse.ContainerState state = client.inspectContainerCmd(containerId).exec().getState();
        return Boolean.TRUE.equals(state.getRunning()) ? OptionalInt.empty()
                : OptionalInt.of(state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue());
    }

    /** The host port on 127.0.0.1 that the server's port is published on, while the container runs. */
    OptionalInt hostPort() {
        Ports.Binding[] bindings = client.inspectContainerCmd(containerId).exec()
                .getNetworkSettings().getPorts().getBindings().get(PORT);
        if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    /** The container's last {@code lines} lines of output, stdout and stderr interleaved. */
    String logs(int lines) {
        Collector collector = new Collector();
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(collector).awaitCompletion(EXEC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return collector.text();
    }

    /** Runs {@code command} in the running container, as {@code docker exec} does. */
    Exit exec(String... command) {
        String execId = client.execCreateCmd(containerId).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        Collector collector = new Collector();
        try {
            boolean finished = client.execStartCmd(execId).exec(collector)
                    .awaitCompletion(EXEC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                return new Exit(-1, "still running after " + EXEC_TIMEOUT.toSeconds() + "s: " + collector.text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exit(-1, "interrupted");
        }
        Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return new Exit(code == null ? -1 : code, collector.text());
    }

    /** Removes the container, its volume and its network, each even when another could not be removed. */
    @Override
    public void close() {
        List<String> left = new ArrayList<>();
        if (containerId != null) {
            removing(left, "container " + name, () -> client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
        }
        if (volumeCreated) {
            removing(left, "volume " + name, () -> client.removeVolumeCmd(name).exec());
        }
        if (networkCreated) {
            removing(left, "network " + name, () -> client.removeNetworkCmd(name).exec());
        }
        if (!left.isEmpty()) {
            throw CliException.provisioning("could not remove " + String.join(", ", left) + " after the ZQLite check");
        }
    }

    private static void removing(List<String> left, String what, Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            left.add(what + " (" + e.getMessage() + ")");
        }
    }

    /** Collects the frames of a log or exec stream as text. */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onNext(Frame frame) {
            synchronized (text) {
                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }

        String text() {
            synchronized (text) {
                return text.toString().strip();
            }
        }
    }
}
