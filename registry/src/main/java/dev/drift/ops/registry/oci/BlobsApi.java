package dev.drift.ops.registry.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.service.BlobService;

/** GET, HEAD and DELETE of /v2/{name}/blobs/{digest}: a blob is visible in a repository only while linked there. */
final class BlobsApi {

    private final BlobService blobs;

    BlobsApi(BlobService blobs) {
        this.blobs = blobs;
    }

    void handle(Exchange exchange, String name, String reference) throws IOException {
        Digest digest = Digest.parse(reference);
        switch (exchange.method()) {
            case "GET", "HEAD" -> fetch(exchange, name, digest);
            case "DELETE" -> {
                blobs.delete(name, digest);
                exchange.status(202).send();
            }
            default -> OciApiHandler.requireMethod(exchange.method(), "GET", "HEAD", "DELETE");
        }
    }

    private void fetch(Exchange exchange, String name, Digest digest) throws IOException {
        long size = blobs.size(name, digest);
        exchange.header("Docker-Content-Digest", digest.toString()).header("Accept-Ranges", "bytes");
        // After the visibility check above, so a redirect never reveals a blob the repository does not link; the
        // client sends its Range, if any, to the URL itself.
        Optional<URI> direct = exchange.isHead() ? Optional.empty() : blobs.downloadUrl(digest);
        if (direct.isPresent()) {
            exchange.status(307).header("Location", direct.get().toString()).send();
            return;
        }
        ByteRange range;
        try {
            range = ByteRange.parse(exchange.header("Range"), size);
        } catch (ByteRange.RangeNotSatisfiableException e) {
            exchange.status(416).header("Content-Range", "bytes */" + e.size()).send();
            return;
        }
        long offset = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        if (range != null) {
            exchange.status(206).header("Content-Range",
                    "bytes " + range.start() + "-" + range.endInclusive() + "/" + size);
        } else {
            exchange.status(200);
        }
        if (exchange.isHead()) {
            exchange.stream("application/octet-stream", length, InputStream.nullInputStream());
            return;
        }
        try (InputStream content = blobs.open(digest, offset)) {
            exchange.stream("application/octet-stream", length, content);
        }
    }
}
