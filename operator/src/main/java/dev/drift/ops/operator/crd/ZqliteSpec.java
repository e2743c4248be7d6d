package dev.drift.ops.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/** backend zqlite: the drift-zqlite server the operator runs beside Drift. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZqliteSpec(
        @JsonPropertyDescription("A drift-zqlite image (drift-ops build zqlite) that serves the ZQLite contract.")
        String image,

        @JsonPropertyDescription("Secret key holding the 32-byte encryption key; turns on [database.zqlite] enable_encryption.")
        EncryptionKeyRef encryptionSecret) {

    public Optional<EncryptionKeyRef> encryption() {
        return Optional.ofNullable(encryptionSecret);
    }
}
