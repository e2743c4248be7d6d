package dev.drift.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BlobContentTest {

    @Test
    void digestIsTheSha256OfExactlyTheBytesRead() throws IOException {
        BlobContent content = new BlobContent(3 * (1 << 20) + 17, 1);

        byte[] bytes = content.readAllBytes();

        assertThat(bytes).hasSize(3 * (1 << 20) + 17);
        assertThat(content.digest()).isEqualTo(RegistryClient.sha256(bytes));
    }

    @Test
    void everyBlobHasADigestOfItsOwn() throws IOException {
        BlobContent first = new BlobContent(1000, 1);
        BlobContent second = new BlobContent(1000, 2);
        first.readAllBytes();
        second.readAllBytes();

        assertThat(first.digest()).isNotEqualTo(second.digest());
    }

    @Test
    void theDigestIsNotKnownBeforeTheLastByte() throws IOException {
        BlobContent content = new BlobContent(1000, 1);
        content.readNBytes(999);

        assertThatThrownBy(content::digest).isInstanceOf(IllegalStateException.class);
    }
}
