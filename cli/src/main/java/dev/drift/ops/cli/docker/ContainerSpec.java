package dev.drift.ops.cli.docker;

import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.Probe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One container of an instance as it should be: everything {@code docker create} needs, and a
 * hash over all of it that goes into a label, so the next {@code up} can tell "as wanted" from
 * "must be recreated" by comparing one string.
 *
 * @param entrypoint empty: the image's own
 * @param secrets    files put under {@link Layout#SECRETS_DIR} before the container starts;
 *                   only a hash of their content goes into the config hash
 */
public record ContainerSpec(String instance, String component, String name, String network, ImageRef image,
                            List<String> entrypoint, List<String> command, SortedMap<String, String> env,
                            List<Mount> mounts, Optional<PublishedPort> published, Optional<Probe> healthcheck,
                            List<SecretFile> secrets) {

    /** Restarted by the engine after a crash or a reboot, until down stops it. */
    public static final String RESTART_POLICY = "unless-stopped";

    public ContainerSpec {
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        env = new TreeMap<>(env);
        mounts = List.copyOf(mounts);
        secrets = List.copyOf(secrets);
    }

    /** The image to run: its name (shown by docker ps) and the id it had when up looked (hashed). */
    public record ImageRef(String name, String id) {
    }

    /**
     * A named volume or a bind-mounted file.
     *
     * @param contentSha256 for a bind-mounted file, the hash of what it holds (a changed drift.toml
     *                      must give a new container); empty for volumes
     */
    public record Mount(Kind kind, String source, String target, boolean readOnly, String contentSha256) {
        public enum Kind { VOLUME, BIND }

        public static Mount volume(String name, String target) {
            return new Mount(Kind.VOLUME, name, target, false, "");
        }

        public static Mount readOnlyFile(String hostPath, String target, String content) {
            return new Mount(Kind.BIND, hostPath, target, true, sha256(content));
        }
    }

    /** {@code hostIp:hostPort} on the host forwarded to {@code containerPort}. */
    public record PublishedPort(String hostIp, int hostPort, int containerPort) {

        /** What a client on this machine reaches it at. */
        public String url() {
            return "http://" + hostIp + ":" + hostPort;
        }
    }

    /**
     * A file under {@link Layout#SECRETS_DIR}, mode 0400.
     *
     * @param owner numeric uid, or a user name looked up in the container's /etc/passwd
     */
    public record SecretFile(String name, Secret content, String owner) {
        public String path() {
            return Layout.SECRETS_DIR + "/" + name;
        }
    }

    /** Instance, component and config-hash labels. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Layout.INSTANCE_LABEL, instance);
        labels.put(Layout.COMPONENT_LABEL, component);
        labels.put(Layout.CONFIG_HASH_LABEL, configHash());
        return labels;
    }

    /** Env in {@code NAME=value} form, sorted. */
    public List<String> envList() {
        return env.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    }

    /**
     * SHA-256 over everything that defines the container, the image id included. Secrets enter
     * as hashes of their content, so the label tells nothing about them.
     */
    public String configHash() {
        StringBuilder text = new StringBuilder();
        field(text, "instance", instance);
        field(text, "component", component);
        field(text, "name", name);
        field(text, "network", network);
        field(text, "image", image.name());
        field(text, "image-id", image.id());
        field(text, "entrypoint", String.join("\u001f", entrypoint));
        field(text, "command", String.join("\u001f", command));
        field(text, "env", String.join("\u001f", envList()));
        for (Mount mount : mounts) {
            field(text, "mount", mount.kind() + "\u001f" + mount.source() + "\u001f" + mount.target() + "\u001f"
                    + mount.readOnly() + "\u001f" + mount.contentSha256());
        }
        published.ifPresent(port -> field(text, "published",
                port.hostIp() + ":" + port.hostPort() + "->" + port.containerPort()));
        healthcheck.ifPresent(check -> field(text, "healthcheck", String.join("\u001f", check.asCommand()) + "\u001f"
                + Probe.PERIOD.toMillis() + "\u001f" + Probe.TIMEOUT.toMillis() + "\u001f" + Probe.FAILURE_THRESHOLD
                + "\u001f" + Probe.START_PERIOD.toMillis()));
        for (SecretFile secret : secrets) {
            field(text, "secret", secret.name() + "\u001f" + secret.owner() + "\u001f" + sha256(secret.content().reveal()));
        }
        field(text, "restart", RESTART_POLICY);
        return sha256(text.toString());
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name).append('\u001e').append(value).append('\n');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        // The record's own toString would be fine (Secret masks itself), but names say enough.
        return name + " (" + image.name() + ")";
    }
}
