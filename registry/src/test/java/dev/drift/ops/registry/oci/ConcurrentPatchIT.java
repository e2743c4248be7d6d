package dev.drift.ops.registry.oci;

import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.FirstAppendPausingStore;

/**
 * Two PATCHes of one upload with the same Content-Range (issue 11, defect 2): the offset check and the append are
 * one step, so only one of them is taken and the other is answered 416. The first PATCH is held after its check
 * and before its write while the second runs, which is the interleaving that let both through.
 */
class ConcurrentPatchIT {

    @TempDir
    Path dataDir;

    private RunningRegistry registry;
    private FirstAppendPausingStore blobs;

    @AfterEach
    void stop() throws Exception {
        if (blobs != null) {
            blobs.release();
        }
        registry.close();
    }

    @Test
    void secondPatchWithTheSameContentRangeIs416() throws Exception {
        registry = RunningRegistry.startWrappingBlobs(dataDir, real -> blobs = new FirstAppendPausingStore(real));
        HttpResponse<byte[]> started = registry.post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0]);
        String location = started.headers().firstValue("Location").orElseThrow();

        CompletableFuture<HttpResponse<byte[]>> held = registry.client().sendAsync(patch(location).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        blobs.awaitPaused();
        HttpResponse<byte[]> overtaking = registry.send(patch(location));
        blobs.release();
        HttpResponse<byte[]> first = held.get();

        assertThat(List.of(first.statusCode(), overtaking.statusCode()))
                .as("held: %s; overtaking: %s", text(first), text(overtaking))
                .containsExactlyInAnyOrder(202, 416);
        HttpResponse<byte[]> status = registry.get(location);
        assertThat(status.headers().firstValue("Range")).contains("0-2");
    }

    private HttpRequest.Builder patch(String location) {
        return registry.request(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray("abc".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "0-2");
    }
}
