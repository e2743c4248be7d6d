package dev.drift.ops.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @Test
    void createdOnceOwnerOnlyAndReadBackUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials");
        Credentials created = Credentials.loadOrCreate(file);
        Credentials again = Credentials.loadOrCreate(file);
        assertThat(again).isEqualTo(created);
        assertThat(created.user()).isEqualTo("drift");
        assertThat(created.password().reveal()).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(created.toString()).doesNotContain(created.password().reveal());
    }

    @Test
    void theConfigEntryHoldsABcryptHashOfThePassword(@TempDir Path dir) throws Exception {
        Credentials credentials = Credentials.loadOrCreate(dir.resolve("credentials"));
        String entry = credentials.bcryptEntry();
        assertThat(entry).startsWith("drift:$2a$10$").doesNotContain(credentials.password().reveal());
        String hash = entry.substring("drift:".length());
        assertThat(BCrypt.verifyer().verify(credentials.password().reveal().toCharArray(), hash).verified).isTrue();
        assertThat(BCrypt.verifyer().verify("wrong".toCharArray(), hash).verified).isFalse();
    }

    @Test
    void twoDataDirectoriesGetDifferentPasswords(@TempDir Path dir) throws Exception {
        assertThat(Credentials.loadOrCreate(dir.resolve("a")).password())
                .isNotEqualTo(Credentials.loadOrCreate(dir.resolve("b")).password());
    }
}
