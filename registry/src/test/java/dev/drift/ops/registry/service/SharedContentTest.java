package dev.drift.ops.registry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.FsBlobStore;
import dev.drift.ops.registry.ops.RegistryMetrics;
import dev.drift.ops.registry.store.LockMode;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push of bytes the registry already holds, against a removal of those bytes at the same moment: the push stores
 * them (a no-op but for their time) and then waits on the content lock the removal holds. What the removal does while
 * holding it decides: bytes it deleted are not linked (and the push says to push again), bytes it kept are.
 */
class SharedContentTest {

    private static final byte[] LAYER = "a layer two repositories push".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.sha256(LAYER);

    @TempDir
    Path dir;

    private MetadataStore store;
    private FsBlobStore blobs;
    private UploadService uploads;

    @BeforeEach
    void open() throws IOException {
        store = SqlMetadataStore.openSqlite(dir.resolve("drift.db"));
        blobs = new FsBlobStore(dir.resolve("blobs"));
        uploads = new UploadService(store, blobs, 1 << 20, new RegistryMetrics());
        blobs.put(new ByteArrayInputStream(LAYER), DIGEST, LAYER.length);
        Files.setLastModifiedTime(blobFile(), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void bytesTheRemovalDeletedWhileThePushWaitedAreNotLinked() throws Exception {
        CompletableFuture<Long> push = pushWhileRemoving(true);

        assertThatThrownBy(() -> push.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ContentRemovedException.class).hasMessageContaining("push it again");
        assertThat(store.linkedBlobSize("second", DIGEST.toString())).as("no link to missing bytes").isEmpty();
        assertThat(blobs.size(DIGEST)).isEmpty();
    }

    @Test
    void bytesTheRemovalKeptAreLinkedOnceItLetsGo() throws Exception {
        CompletableFuture<Long> push = pushWhileRemoving(false);

        assertThat(push).succeedsWithin(Duration.ofSeconds(10)).isEqualTo((long) LAYER.length);
        assertThat(store.linkedBlobSize("second", DIGEST.toString())).contains((long) LAYER.length);
        assertThat(blobs.size(DIGEST)).isPresent();
    }

    @Test
    void aRemovalKeepsBytesAPushLinkedBeforeItTookTheLock() throws IOException {
        uploads.pushWhole("second", DIGEST, new ByteArrayInputStream(LAYER));

        assertThat(new SharedContent(store, blobs).deleteIfUnused(DIGEST)).isZero();
        assertThat(blobs.size(DIGEST)).isPresent();
    }

    /**
     * Holds the digest's lock as a removal does, starts a push of the same bytes into another repository, waits until
     * the push has stored them (their time moves off 2020) and so waits on the lock, then deletes the bytes or not.
     */
    private CompletableFuture<Long> pushWhileRemoving(boolean delete) throws IOException {
        return store.underContentLock(DIGEST.toString(), LockMode.EXCLUSIVE, () -> {
            CompletableFuture<Long> push = CompletableFuture.supplyAsync(() -> {
                try {
                    return uploads.pushWhole("second", DIGEST, new ByteArrayInputStream(LAYER));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.getLastModifiedTime(blobFile()).toInstant().isBefore(Instant.parse("2021-01-01T00:00:00Z"))) {
                assertThat(System.nanoTime()).as("the push stored the bytes within 10 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(push).as("the push waits for the lock").isNotDone();
            if (delete) {
                blobs.delete(DIGEST);
            }
            return push;
        });
    }

    private Path blobFile() {
        return dir.resolve("blobs/blobs/sha256").resolve(DIGEST.hex().substring(0, 2)).resolve(DIGEST.hex());
    }
}
