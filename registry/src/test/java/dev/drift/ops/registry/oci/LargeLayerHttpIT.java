package dev.drift.ops.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.registry.GeneratedStream;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;

/**
 * A 2 GiB layer pushed and pulled through the HTTP API of a server running in a JVM whose heap is capped
 * far below that (failsafe's argLine), so any request path that buffers a whole blob fails here.
 */
class LargeLayerHttpIT {

    @TempDir
    Path dataDir;

    @Test
    void twoGibibyteLayerPushesAndPullsThroughASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap from failsafe's argLine").isLessThan(GeneratedStream.TWO_GIB / 4);
        try (RunningRegistry registry = RunningRegistry.start(dataDir, "")) {
            String location = registry.post("/v2/big/layer/blobs/uploads/", "application/octet-stream", new byte[0])
                    .headers().firstValue("Location").orElseThrow();
            HttpResponse<byte[]> streamed = registry.send(registry.request(location)
                    .header("Content-Type", "application/octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(GeneratedStream.TWO_GIB)),
                            GeneratedStream.TWO_GIB)));
            assertThat(streamed.statusCode()).isEqualTo(202);
            assertThat(streamed.headers().firstValue("Range")).contains("0-" + (GeneratedStream.TWO_GIB - 1));

            Digest digest = GeneratedStream.TWO_GIB_SHA256;
            HttpResponse<byte[]> finished = registry.put(streamed.headers().firstValue("Location").orElseThrow()
                    + "?digest=" + digest, "application/octet-stream", new byte[0]);
            assertThat(finished.statusCode()).isEqualTo(201);

            HttpResponse<InputStream> pulled = registry.client().send(registry.request("/v2/big/layer/blobs/" + digest).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(pulled.statusCode()).isEqualTo(200);
            assertThat(pulled.headers().firstValueAsLong("Content-Length")).hasValue(GeneratedStream.TWO_GIB);
            assertThat(sha256(pulled.body())).isEqualTo(digest);
        }
    }

    private static Digest sha256(InputStream body) throws Exception {
        MessageDigest hasher = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(body, hasher)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new Digest("sha256", HexFormat.of().formatHex(hasher.digest()));
    }
}
