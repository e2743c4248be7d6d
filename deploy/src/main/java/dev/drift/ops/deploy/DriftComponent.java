package dev.drift.ops.deploy;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One process of an instance as every target runs it: the registry, or the database it uses.
 *
 * @param name       registry, postgres or zqlite ({@link Layout})
 * @param objectName what the target names its container, StatefulSet and Service
 * @param entrypoint empty: the image's own
 * @param env        environment values; never a secret (those are {@link #secrets})
 * @param port       the one port it serves on inside its container
 * @param dataPath   where its persistent volume is mounted
 * @param config     Drift's drift.toml (registry only)
 * @param runAsUser  the uid it runs as, when the image fixes one
 */
public record DriftComponent(String name, String objectName, String image, List<String> entrypoint, List<String> args,
                             SortedMap<String, String> env, int port, String dataPath, Optional<ConfigFile> config,
                             List<SecretFile> secrets, Probe liveness, Probe readiness, Optional<Integer> runAsUser) {

    public DriftComponent {
        entrypoint = List.copyOf(entrypoint);
        args = List.copyOf(args);
        env = new TreeMap<>(env);
        secrets = List.copyOf(secrets);
    }

    public Optional<SecretFile> secret(String secretName) {
        return secrets.stream().filter(secret -> secret.name().equals(secretName)).findFirst();
    }
}
