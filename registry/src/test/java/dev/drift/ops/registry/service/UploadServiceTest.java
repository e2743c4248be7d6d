package dev.drift.ops.registry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.DigestMismatchException;
import dev.drift.ops.registry.blob.FsBlobStore;
import dev.drift.ops.registry.ops.RegistryMetrics;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;

/** The order of store calls an upload makes, on a real SQLite store and blob directory, each call recorded. */
class UploadServiceTest {

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private MetadataStore metadata;
    private UploadService uploads;

    @BeforeEach
    void open() throws Exception {
        metadata = SqlMetadataStore.openSqlite(dir.resolve("drift.db"));
        uploads = new UploadService(recording(MetadataStore.class, metadata, "metadata"),
                recording(BlobStore.class, new FsBlobStore(dir.resolve("blobs")), "blobs"), 1 << 20, new RegistryMetrics());
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    @Test
    void finishingWithALastChunkIsSevenStoreCallsAndOneMetadataWriteUnderTheContentLock() throws Exception {
        byte[] first = "first chunk, ".getBytes(StandardCharsets.UTF_8);
        byte[] last = "last chunk".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256((new String(first, StandardCharsets.UTF_8) + new String(last, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        String id = uploads.start("app");
        uploads.append(id, uploads.size("app", id), new ByteArrayInputStream(first));
        calls.clear();

        long size = uploads.finish(id, digest, uploads.size("app", id), new ByteArrayInputStream(last));

        assertThat(calls).containsExactly("metadata.findUpload", "blobs.uploadedSize", "blobs.appendAt", "blobs.commit",
                "metadata.underContentLock", "blobs.size", "metadata.completeUpload");
        assertThat(size).isEqualTo(first.length + last.length);
        assertThat(metadata.linkedBlobSize("app", digest.toString())).contains((long) size);
        assertThat(metadata.findUpload("app", id)).isEmpty();
    }

    @Test
    void aDigestMismatchEndsTheSessionAndLinksNothing() throws Exception {
        String id = uploads.start("app");
        Digest promised = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> uploads.finish(id, promised, 0, new ByteArrayInputStream("content".getBytes())))
                .isInstanceOf(DigestMismatchException.class);

        assertThat(metadata.findUpload("app", id)).isEmpty();
        assertThat(metadata.linkedBlobSize("app", promised.toString())).isEmpty();
        assertThat(metadata.linkedBlobSize("app", Digest.sha256("content".getBytes()).toString())).isEmpty();
    }

    /** {@code target} behind its interface, recording "prefix.method" of every call. */
    private <T> T recording(Class<T> type, T target, String prefix) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            calls.add(prefix + "." + method.getName());
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
