package dev.drift.ops.registry.oci;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.UploadOffsetMismatchException;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.service.UploadService;

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

    private final UploadService uploads;

    UploadsApi(UploadService uploads) {
        this.uploads = uploads;
    }

    void start(Exchange exchange, String name) throws IOException {
        String mount = exchange.query("mount");
        if (mount != null) {
            Digest digest = Digest.parse(mount);
            String from = exchange.query("from");
            if (uploads.mount(name, digest, from == null ? null : RepositoryName.requireValid(from)).isPresent()) {
                created(exchange, name, digest);
                return;
            }
        }
        String digest = exchange.query("digest");
        if (digest != null) {
            Digest expected = Digest.parse(digest);
            uploads.pushWhole(name, expected, exchange.body());
            created(exchange, name, expected);
            return;
        }
        String id = uploads.start(name);
        exchange.header("OCI-Chunk-Min-Length", CHUNK_MIN_LENGTH);
        accepted(exchange.status(202), name, id, 0);
    }

    void handle(Exchange exchange, String name, String id) throws IOException {
        switch (exchange.method()) {
            case "PATCH" -> patch(exchange, name, id);
            case "PUT" -> finish(exchange, name, id);
            case "GET" -> accepted(exchange.status(204), name, id, uploads.size(name, id));
            case "DELETE" -> {
                uploads.cancel(name, id);
                exchange.status(204).send();
            }
            default -> OciApiHandler.requireMethod(exchange.method(), "PATCH", "PUT", "GET", "DELETE");
        }
    }

    private void patch(Exchange exchange, String name, String id) throws IOException {
        long size = uploads.size(name, id);
        if (!chunkFollows(exchange, name, id, size)) {
            return;
        }
        try {
            accepted(exchange.status(202), name, id, uploads.append(id, size, exchange.body()));
        } catch (UploadOffsetMismatchException e) {
            // Another PATCH wrote since the check above: this chunk no longer follows on.
            rangeNotSatisfiable(exchange, name, id, e.currentSize());
        }
    }

    /** PUT ends the upload, optionally carrying the last chunk, which must follow on like a PATCH. */
    private void finish(Exchange exchange, String name, String id) throws IOException {
        long received = uploads.size(name, id);
        String digestParam = exchange.query("digest");
        if (digestParam == null) {
            throw new OciException(OciError.DIGEST_INVALID, "the digest query parameter is required to finish an upload");
        }
        Digest expected = Digest.parse(digestParam);
        if (!chunkFollows(exchange, name, id, received)) {
            return;
        }
        try (InputStream last = exchange.body()) {
            uploads.finish(id, expected, received, exchange.contentLength() != 0 ? last : null);
        } catch (UploadOffsetMismatchException e) {
            rangeNotSatisfiable(exchange, name, id, e.currentSize());
            return;
        }
        created(exchange, name, expected);
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

    private static void created(Exchange exchange, String name, Digest digest) {
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
