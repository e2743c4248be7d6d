package dev.drift.ops.cli.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.drift.ops.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The Docker engine drift-ops talks to: {@code DOCKER_HOST} (and the other {@code DOCKER_*}
 * variables docker-java reads) or the local socket, over docker-java's dependency-free transport.
 * {@link #connect()} pings it first, so "no engine" is one clear message instead of a stack trace
 * from the first real call.
 */
public final class DockerEngine implements AutoCloseable {

    private final DockerClient client;
    private final String host;

    private DockerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    public static DockerEngine connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        String host = config.getDockerHost().toString();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                // Image builds and log follows stream for as long as they take.
                .responseTimeout(Duration.ZERO)
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeClient(client);
            throw CliException.provisioning("no Docker engine answers at " + host + " (" + rootMessage(e) + "). "
                    + "Start one (Debian: apt-get install docker.io, then dockerd or systemctl start docker) "
                    + "or point DOCKER_HOST at a running engine");
        }
        return new DockerEngine(client, host);
    }

    public DockerClient client() {
        return client;
    }

    /** Where the engine was reached, e.g. {@code unix:///var/run/docker.sock}. */
    public String host() {
        return host;
    }

    /** The id of the image {@code name} names, if the engine has it. */
    public Optional<String> imageId(String name) {
        try {
            return Optional.of(client.inspectImageCmd(name).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The id of image {@code name}; when it is missing, an error that says which command makes it. */
    public String requireImage(String name, String howToMakeIt) {
        return imageId(name).orElseThrow(() -> CliException.provisioning("image " + name + " not found on the "
                + "Docker engine at " + host + "; " + howToMakeIt));
    }

    /**
     * Removes a container, running or not, with its anonymous volumes (an image's VOLUME that nothing
     * was mounted over); named volumes are never removed this way.
     */
    public void removeContainer(String id) {
        client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    }

    @Override
    public void close() {
        closeClient(client);
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void closeClient(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
