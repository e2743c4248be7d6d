package dev.drift.ops.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.config.S3Config;
import dev.drift.ops.config.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * checkWritable against a port that takes connections and never answers (a hung S3 server; this is a plain socket,
 * not an S3 server, and nothing more is asked of it): /readyz's probe must fail in seconds, not wait out the minutes a
 * large part's read may take.
 */
class S3BlobStoreProbeTest {

    @Test
    void aServerThatNeverAnswersFailsTheProbeWithinItsTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            S3Config config = new S3Config("http://127.0.0.1:" + silent.getLocalPort(), "us-east-1", "blobs", true, "",
                    Secret.of("probe-access"), Secret.of("probe-secret-value"), "", false);
            try (S3BlobStore store = new S3BlobStore(S3Clients.create(config), config.bucket(), "", config.endpoint())) {
                long started = System.nanoTime();

                assertThatThrownBy(store::checkWritable).isInstanceOf(IOException.class)
                        .hasMessageContaining("blobs").hasMessageContaining(config.endpoint())
                        .hasMessageNotContaining("probe-secret-value");

                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(took).isLessThan(S3BlobStore.PROBE_TIMEOUT.plusSeconds(2));
            }
        }
    }
}
