package dev.drift.ops.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a target asks a component whether it lives or is ready: an HTTP GET on its port, or a
 * command run inside its container. The timings are the same for every component and every
 * target, so docker, compose and Kubernetes give a component the same time before calling it
 * unhealthy.
 *
 * @param httpPath the path of an HTTP GET on {@code port}; empty for a command probe
 * @param command  the command of a command probe; empty for an HTTP probe
 */
public record Probe(Optional<String> httpPath, int port, List<String> command) {

    /** Time between two tries. */
    public static final Duration PERIOD = Duration.ofSeconds(2);
    /** How long one try may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Failed tries in a row that make a started component unhealthy (or not ready). */
    public static final int FAILURE_THRESHOLD = 5;
    /**
     * Time a component gets to start before failures count: PostgreSQL initialising its data
     * directory, Drift migrating its schema, on a loaded machine.
     */
    public static final Duration START_PERIOD = Duration.ofSeconds(120);

    public Probe {
        command = List.copyOf(command);
        if (httpPath.isPresent() == !command.isEmpty()) {
            throw new IllegalArgumentException("a probe is an HTTP GET or a command, not both or neither");
        }
    }

    public static Probe httpGet(String path, int port) {
        return new Probe(Optional.of(path), port, List.of());
    }

    public static Probe exec(List<String> command) {
        return new Probe(Optional.empty(), 0, command);
    }

    /** Tries in a row a starting component may fail before Kubernetes restarts it (startupProbe). */
    public static int startupFailureThreshold() {
        return (int) (START_PERIOD.toSeconds() / PERIOD.toSeconds());
    }

    /**
     * The probe as a command, for engines without HTTP probes (docker, compose). An HTTP probe is
     * sent by bash's {@code /dev/tcp}: the JRE images have no curl. Healthy means a 200.
     */
    public List<String> asCommand() {
        if (httpPath.isEmpty()) {
            return command;
        }
        return List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port
                + " && printf 'GET " + httpPath.get() + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' >&3"
                + " && read -r -t " + TIMEOUT.toSeconds() + " status <&3 && [[ $status == HTTP/1.[01]' 200'* ]]");
    }
}
