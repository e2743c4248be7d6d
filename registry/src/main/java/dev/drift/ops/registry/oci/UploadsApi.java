package dev.drift.ops.registry.oci;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.UploadOffsetMismatchException;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.ops.RegistryMetrics;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.UploadSession;

/**
 * Blob pushes: monolithic POST with a digest, cross-repository mount, and upload sessions driven by
 * PATCH (streamed or chunked with Content-Range), PUT to finish, GET to resume and DELETE to cancel.
 */
final class UploadsApi {

    /**
     * Advertised so clients do not send tiny chunks (each PATCH costs a metadata lookup and a file open);
     * smaller chunks are still accepted, and the last chunk may always be shorter.
     */
    static final long CHUNK_MIN_LENGTH = 64 * 1024;

    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");

    private final MetadataStore store;
    private final BlobStore blobs;
    private final long maxUploadBytes;
    private final RegistryMetrics metrics;

    UploadsApi(MetadataStore store, BlobStore blobs, long maxUploadBytes, RegistryMetrics metrics) {
        this.store = store;
        this.blobs = blobs;
        this.maxUploadBytes = maxUploadBytes;
        this.metrics = metrics;
    }

    void start(Exchange exchange, String name) throws IOException {
        String mount = exchange.query("mount");
        if (mount != null && tryMount(exchange, name, Digest.parse(mount), exchange.query("from"))) {
            return;
        }
        String digest = exchange.query("digest");
        if (digest != null) {
            Digest expected = Digest.parse(digest);
            blobs.put(exchange.body(), expected, maxUploadBytes);
            created(exchange, name, expected, blobs.size(expected).orElseThrow());
            return;
        }
        String id = UUID.randomUUID().toString();
        blobs.startUpload(id);
        store.createUpload(new UploadSession(id, name, Instant.now()));
        metrics.uploadStarted();
        exchange.header("OCI-Chunk-Min-Length", CHUNK_MIN_LENGTH);
        accepted(exchange.status(202), name, id, 0);
    }

    void handle(Exchange exchange, String name, String id) throws IOException {
        switch (exchange.method()) {
            case "PATCH" -> patch(exchange, name, id);
            case "PUT" -> finish(exchange, name, id);
            case "GET" -> accepted(exchange.status(204), name, id, currentSize(name, id));
            case "DELETE" -> cancel(exchange, name, id);
            default -> OciApiHandler.requireMethod(exchange.method(), "PATCH", "PUT", "GET", "DELETE");
        }
    }

    /**
     * Mounts the blob when {@code from} has it, or, without {@code from}, when any repository has it (the
     * spec's anonymous mount: every client may read every repository here, so the digest itself is proof
     * enough). False means "start a normal upload instead", as the spec asks.
     */
    private boolean tryMount(Exchange exchange, String name, Digest digest, String from) throws IOException {
        OptionalLong size = blobs.size(digest);
        if (size.isEmpty()) {
            return false;
        }
        boolean available = from == null
                ? store.isBlobInUse(digest.toString())
                : store.linkedBlobSize(RepositoryName.requireValid(from), digest.toString()).isPresent();
        if (!available) {
            return false;
        }
        created(exchange, name, digest, size.getAsLong());
        return true;
    }

    private void patch(Exchange exchange, String name, String id) throws IOException {
        long size = currentSize(name, id);
        if (!chunkFollows(exchange, name, id, size)) {
            return;
        }
        try {
            long newSize = blobs.appendAt(id, size, exchange.body(), maxUploadBytes);
            accepted(exchange.status(202), name, id, newSize);
        } catch (UploadOffsetMismatchException e) {
            // Another PATCH wrote since the check above: this chunk no longer follows on.
            rangeNotSatisfiable(exchange, name, id, e.currentSize());
        }
    }

    /** PUT ends the upload, optionally carrying the last chunk, which must follow on like a PATCH. */
    private void finish(Exchange exchange, String name, String id) throws IOException {
        long received = currentSize(name, id);
        String digestParam = exchange.query("digest");
        if (digestParam == null) {
            throw new OciException(OciError.DIGEST_INVALID, "the digest query parameter is required to finish an upload");
        }
        Digest expected = Digest.parse(digestParam);
        if (!chunkFollows(exchange, name, id, received)) {
            return;
        }
        try (InputStream last = exchange.body()) {
            if (exchange.contentLength() != 0) {
                blobs.appendAt(id, received, last, maxUploadBytes);
            }
        } catch (UploadOffsetMismatchException e) {
            rangeNotSatisfiable(exchange, name, id, e.currentSize());
            return;
        }
        long size = currentSize(name, id);
        try {
            blobs.commit(id, expected);
        } finally {
            store.deleteUpload(id);
        }
        metrics.uploadCompleted();
        created(exchange, name, expected, size);
    }

    /**
     * Checks an optional {@code Content-Range} against the bytes received so far. A chunk that does not start
     * exactly there is answered 416 with the current Range (returns false), and the upload stays as it was so
     * the client can resume from a GET.
     */
    private static boolean chunkFollows(Exchange exchange, String name, String id, long size) {
        String contentRange = exchange.header("Content-Range");
        if (contentRange == null) {
            return true;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        if (!m.matches()) {
            throw new OciException(OciError.BLOB_UPLOAD_INVALID, 416, "malformed Content-Range: " + contentRange);
        }
        long start = SaturatingDecimal.parse(m.group(1));
        long end = SaturatingDecimal.parse(m.group(2));
        if (start != size || end < start) {
            rangeNotSatisfiable(exchange, name, id, size);
            return false;
        }
        long declared = exchange.contentLength();
        // Compared as end - start, which cannot overflow, rather than the length end - start + 1.
        if (declared >= 0 && declared - 1 != end - start) {
            throw new OciException(OciError.SIZE_INVALID, 416,
                    "Content-Range " + contentRange + " does not match Content-Length " + declared);
        }
        return true;
    }

    /** The spec's answer to a chunk that does not follow on: 416 with where the upload stands, so the client can resume. */
    private static void rangeNotSatisfiable(Exchange exchange, String name, String id, long size) {
        exchange.status(416).header("Location", uploadLocation(name, id)).header("Range", range(size)).send();
    }

    private void cancel(Exchange exchange, String name, String id) throws IOException {
        currentSize(name, id);
        blobs.cancel(id);
        store.deleteUpload(id);
        metrics.uploadCancelled();
        exchange.status(204).send();
    }

    /** The bytes received so far; BLOB_UPLOAD_UNKNOWN unless the session exists for this repository. */
    private long currentSize(String name, String id) throws IOException {
        if (store.findUpload(name, id).isEmpty()) {
            throw new OciException(OciError.BLOB_UPLOAD_UNKNOWN, "no upload " + id + " in " + name);
        }
        return blobs.uploadedSize(id)
                .orElseThrow(() -> new OciException(OciError.BLOB_UPLOAD_UNKNOWN, "upload " + id + " has no data"));
    }

    private void created(Exchange exchange, String name, Digest digest, long size) {
        store.linkBlob(name, digest.toString(), size, null);
        exchange.status(201)
                .header("Location", "/v2/" + name + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest.toString())
                .send();
    }

    private static void accepted(Exchange exchange, String name, String id, long size) {
        exchange.header("Location", uploadLocation(name, id))
                .header("Range", range(size))
                .header("Docker-Upload-UUID", id)
                .send();
    }

    private static String uploadLocation(String name, String id) {
        return "/v2/" + name + "/blobs/uploads/" + id;
    }

    /** The spec's inclusive Range of bytes received; "0-0" also stands for an empty upload, as distribution does. */
    private static String range(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
