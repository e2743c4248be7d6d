package dev.drift.ops.registry.oci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.NewManifest;

/**
 * Manifests by tag or digest, and the referrers API that lists manifests by their subject. The document
 * bytes are kept in the blob store under their digest, so a GET returns exactly what was pushed.
 */
final class ManifestsApi {

    /** The spec asks registries to accept at least 4 MiB; larger documents are refused before parsing. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final MetadataStore store;
    private final BlobStore blobs;

    ManifestsApi(MetadataStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    void handle(Exchange exchange, String name, String reference) throws IOException {
        switch (exchange.method()) {
            case "GET", "HEAD" -> fetch(exchange, name, reference);
            case "PUT" -> put(exchange, name, reference);
            case "DELETE" -> delete(exchange, name, reference);
            default -> OciApiHandler.requireMethod(exchange.method(), "GET", "HEAD", "PUT", "DELETE");
        }
    }

    private void fetch(Exchange exchange, String name, String reference) throws IOException {
        ManifestRecord manifest = find(name, reference)
                .orElseThrow(() -> new OciException(OciError.MANIFEST_UNKNOWN, "manifest " + reference + " is not in " + name));
        Digest digest = Digest.parse(manifest.digest());
        exchange.status(200)
                .header("Docker-Content-Digest", manifest.digest())
                .header("ETag", "\"" + manifest.digest() + "\"");
        try (InputStream content = exchange.isHead() ? InputStream.nullInputStream() : blobs.open(digest, 0)) {
            exchange.stream(manifest.mediaType(), manifest.size(), content);
        }
    }

    private Optional<ManifestRecord> find(String name, String reference) {
        if (isDigest(reference)) {
            return store.findManifest(name, Digest.parse(reference).toString());
        }
        return RepositoryName.isTag(reference) ? store.findManifestByTag(name, reference) : Optional.empty();
    }

    /**
     * PUT by tag, or by digest with optional {@code ?tag=} parameters (each tag named comes back in
     * {@code OCI-Tag}); the digest in the path must match the content, computed with the path's algorithm.
     */
    private void put(Exchange exchange, String name, String reference) throws IOException {
        byte[] document = readBounded(exchange.body());
        Digest digest;
        List<String> tags;
        if (isDigest(reference)) {
            Digest claimed = Digest.parse(reference);
            digest = Digest.of(claimed.algorithm(), document);
            if (!digest.equals(claimed)) {
                throw new OciException(OciError.DIGEST_INVALID, "manifest content is " + digest + ", not " + claimed);
            }
            tags = exchange.queryValues("tag").stream().map(RepositoryName::requireTag).distinct().toList();
        } else {
            tags = List.of(RepositoryName.requireTag(reference));
            digest = Digest.sha256(document);
        }
        ParsedManifest parsed = ManifestParser.parse(document, digest, exchange.header("Content-Type"));
        for (String blob : parsed.requiredBlobs()) {
            if (store.linkedBlobSize(name, blob).isEmpty()) {
                throw new OciException(OciError.MANIFEST_BLOB_UNKNOWN, "blob " + blob + " is not in " + name);
            }
        }
        NewManifest manifest = parsed.manifest();
        blobs.put(new ByteArrayInputStream(document), digest, MAX_MANIFEST_BYTES);
        store.putManifest(name, manifest, tags);
        exchange.status(201)
                .header("Location", "/v2/" + name + "/manifests/" + digest)
                .header("Docker-Content-Digest", digest.toString());
        if (manifest.subject() != null) {
            exchange.header("OCI-Subject", manifest.subject());
        }
        if (isDigest(reference) && !tags.isEmpty()) {
            exchange.header("OCI-Tag", String.join(", ", tags));
        }
        exchange.send();
    }

    private void delete(Exchange exchange, String name, String reference) {
        boolean deleted = isDigest(reference)
                ? store.deleteManifest(name, Digest.parse(reference).toString())
                : RepositoryName.isTag(reference) && store.deleteTag(name, reference);
        if (!deleted) {
            throw new OciException(OciError.MANIFEST_UNKNOWN, "manifest " + reference + " is not in " + name);
        }
        exchange.status(202).send();
    }

    void referrers(Exchange exchange, String name, String reference) {
        Digest subject = Digest.parse(reference);
        String artifactType = exchange.query("artifactType");
        List<Map<String, Object>> descriptors = new ArrayList<>();
        for (ManifestRecord referrer : store.findReferrers(name, subject.toString(), artifactType)) {
            descriptors.add(descriptor(referrer));
        }
        if (artifactType != null) {
            exchange.header("OCI-Filters-Applied", "artifactType");
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", descriptors);
        exchange.status(200).send(MediaTypes.OCI_INDEX, Json.write(index));
    }

    private static Map<String, Object> descriptor(ManifestRecord manifest) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", manifest.mediaType());
        descriptor.put("digest", manifest.digest());
        descriptor.put("size", manifest.size());
        if (manifest.artifactType() != null) {
            descriptor.put("artifactType", manifest.artifactType());
        }
        if (manifest.annotations() != null) {
            try {
                descriptor.put("annotations", Json.MAPPER.readTree(manifest.annotations()));
            } catch (IOException e) {
                throw new IllegalStateException("stored annotations of " + manifest.digest() + " are not JSON", e);
            }
        }
        return descriptor;
    }

    private static boolean isDigest(String reference) {
        return reference.indexOf(':') > 0;
    }

    private static byte[] readBounded(InputStream body) throws IOException {
        try (body) {
            byte[] document = body.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (document.length > MAX_MANIFEST_BYTES) {
                throw new OciException(OciError.MANIFEST_INVALID, 413, "manifests are limited to " + MAX_MANIFEST_BYTES + " bytes");
            }
            return document;
        }
    }
}
