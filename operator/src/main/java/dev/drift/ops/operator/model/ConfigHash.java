package dev.drift.ops.operator.model;

import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.ConfigFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The pod template annotation that makes a component's pods roll exactly when what they read at
 * start changes: SHA-256 over its drift.toml and the content of every secret file it reads. A
 * changed Secret does not change the pod template by itself (it is mounted by name), so without
 * this the pods would keep the old value until they happened to restart.
 */
public final class ConfigHash {

    public static final String ANNOTATION = "drift.dev/config-hash";

    private ConfigHash() {
    }

    /** Hex SHA-256 over the config (if any) and the files by name; each part length-prefixed, so no two inputs collide. */
    public static String of(Optional<ConfigFile> config, SortedMap<String, Secret> secretFiles) {
        MessageDigest digest = sha256();
        config.ifPresent(file -> {
            update(digest, file.path());
            update(digest, file.text());
        });
        for (Map.Entry<String, Secret> file : secretFiles.entrySet()) {
            update(digest, file.getKey());
            update(digest, file.getValue().reveal());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
