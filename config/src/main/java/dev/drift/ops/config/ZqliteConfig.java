package dev.drift.ops.config;

import java.util.Objects;

/** {@code [database.zqlite]}: options passed to a ZQLite backend. */
public record ZqliteConfig(boolean enableEncryption, Secret encryptionKey, boolean enableSignatures,
                           boolean enableZkp) {

    /** The exact key length ZQLite's encryption takes, in UTF-8 bytes. */
    public static final int ENCRYPTION_KEY_BYTES = 32;

    public ZqliteConfig {
        Objects.requireNonNull(encryptionKey, "encryptionKey");
    }
}
