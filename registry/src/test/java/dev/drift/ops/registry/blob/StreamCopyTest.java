package dev.drift.ops.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamCopyTest {

    private final byte[] content = bytes(200_000);

    @Test
    void copiesExactlyTheRequestedLengthAndLeavesTheRest() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(StreamCopy.copy(in, out, 150_001)).isEqualTo(150_001);

        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(content, 150_001));
        assertThat(in.available()).isEqualTo(content.length - 150_001);
    }

    @Test
    void zeroLengthCopiesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(StreamCopy.copy(new ByteArrayInputStream(content), out, 0)).isZero();
        assertThat(out.size()).isZero();
    }

    @Test
    void streamEndingEarlyIsAnError() {
        assertThatThrownBy(() -> StreamCopy.copy(new ByteArrayInputStream(content), new ByteArrayOutputStream(), content.length + 1))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining(content.length + " of " + (content.length + 1));
    }

    @Test
    void negativeLengthIsRejected() {
        assertThatThrownBy(() -> StreamCopy.copy(new ByteArrayInputStream(content), new ByteArrayOutputStream(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }
}
