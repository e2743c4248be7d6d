package dev.drift.ops.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;


class DigestTest {

    @Test
    void parsesAndPrintsCanonicalForm() {
        Digest digest = Digest.sha256("hello".getBytes());
        assertThat(digest.toString()).isEqualTo("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
        assertThat(Digest.of("sha512", "hello".getBytes()).hex()).hasSize(128);
    }

    @Test
    void rejectsWhatCannotBeVerified() {
        for (String bad : new String[] {"sha256:ABC", "md5:" + "a".repeat(32), "sha256", ":abc", "sha256:" + "a".repeat(63)}) {
            assertThatThrownBy(() -> Digest.parse(bad)).as(bad).isInstanceOf(InvalidDigestException.class);
        }
        assertThatThrownBy(() -> Digest.parse(null)).isInstanceOf(InvalidDigestException.class);
    }
}
