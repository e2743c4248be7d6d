package dev.drift.ops.operator.model;

import dev.drift.ops.config.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Secrets of the resource's namespace as the reconciler found them, decoded: the facts the
 * model renders from (generated values to keep, the Secrets a resource names). A name that is
 * absent was not found. Values stay {@link Secret}s, which print as a mask.
 */
public record SecretsSeen(Map<String, Map<String, Secret>> byName) {

    public SecretsSeen {
        byName = Map.copyOf(byName);
    }

    public static SecretsSeen none() {
        return new SecretsSeen(Map.of());
    }

    public static SecretsSeen of(Collection<io.fabric8.kubernetes.api.model.Secret> secrets) {
        Map<String, Map<String, Secret>> byName = new TreeMap<>();
        for (io.fabric8.kubernetes.api.model.Secret secret : secrets) {
            byName.put(secret.getMetadata().getName(), decode(secret.getData()));
        }
        return new SecretsSeen(byName);
    }

    /** For tests and for secrets the model itself wrote: plain values. */
    public SecretsSeen with(String name, Map<String, String> values) {
        Map<String, Map<String, Secret>> more = new TreeMap<>(byName);
        Map<String, Secret> data = new TreeMap<>();
        values.forEach((key, value) -> data.put(key, Secret.of(value)));
        more.put(name, data);
        return new SecretsSeen(more);
    }

    public Optional<Map<String, Secret>> secret(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The value under {@code key} of Secret {@code name}, or why there is none. */
    public Secret require(String name, String key) throws Refusal {
        Map<String, Secret> data = secret(name).orElseThrow(() -> new Refusal(Problem.secretNotFound(name)));
        Secret value = data.get(key);
        if (value == null || value.isEmpty()) {
            throw new Refusal(Problem.secretKeyMissing(name, key, data.keySet()));
        }
        return value;
    }

    /** The value under {@code key} when the Secret exists and has it. */
    public Optional<Secret> find(String name, String key) {
        return secret(name).map(data -> data.get(key)).filter(value -> !value.isEmpty());
    }

    private static Map<String, Secret> decode(Map<String, String> data) {
        Map<String, Secret> decoded = new TreeMap<>();
        if (data != null) {
            data.forEach((key, value) -> decoded.put(key,
                    Secret.of(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))));
        }
        return decoded;
    }
}
