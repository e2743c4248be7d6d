package dev.drift.ops.registry.oci;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.registry.service.ManifestService;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.MissingReferencesException;
import dev.drift.ops.registry.store.NewManifest;

/** Manifests by tag or digest, and the referrers API that lists manifests by their subject. */
final class ManifestsApi {

    /** The spec asks registries to accept at least 4 MiB; larger documents are refused before parsing. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final ManifestService manifests;

    ManifestsApi(ManifestService manifests) {
        this.manifests = manifests;
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
        exchange.status(200)
                .header("Docker-Content-Digest", manifest.digest())
                .header("ETag", "\"" + manifest.digest() + "\"");
        try (InputStream content = exchange.isHead() ? InputStream.nullInputStream() : manifests.open(manifest)) {
            exchange.stream(manifest.mediaType(), manifest.size(), content);
        }
    }

    private Optional<ManifestRecord> find(String name, String reference) {
        if (isDigest(reference)) {
            return manifests.find(name, Digest.parse(reference));
        }
        return RepositoryName.isTag(reference) ? manifests.findByTag(name, reference) : Optional.empty();
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
        NewManifest manifest = ManifestParser.parse(document, digest, exchange.header("Content-Type"));
        try {
            manifests.put(name, document, manifest, tags);
        } catch (MissingReferencesException e) {
            throw missingReferences(name, e);
        }
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

    /**
     * MANIFEST_BLOB_UNKNOWN for a missing config or layer and for a missing child of an index alike: the spec says a
     * manifest refused for missing references MUST get that code, and distribution answers so for both.
     */
    private static OciException missingReferences(String name, MissingReferencesException e) {
        StringBuilder detail = new StringBuilder();
        if (!e.blobs().isEmpty()) {
            detail.append("blobs not in ").append(name).append(": ").append(String.join(", ", e.blobs()));
        }
        if (!e.manifests().isEmpty()) {
            detail.append(detail.isEmpty() ? "" : "; ")
                    .append("manifests not in ").append(name).append(": ").append(String.join(", ", e.manifests()));
        }
        return new OciException(OciError.MANIFEST_BLOB_UNKNOWN, detail + "; push them before this manifest");
    }

    private void delete(Exchange exchange, String name, String reference) {
        if (isDigest(reference)) {
            manifests.delete(name, Digest.parse(reference));
        } else if (!RepositoryName.isTag(reference) || !manifests.untag(name, reference)) {
            throw new OciException(OciError.MANIFEST_UNKNOWN, "manifest " + reference + " is not in " + name);
        }
        exchange.status(202).send();
    }

    void referrers(Exchange exchange, String name, String reference) {
        Digest subject = Digest.parse(reference);
        String artifactType = exchange.query("artifactType");
        List<Map<String, Object>> descriptors = new ArrayList<>();
        for (ManifestRecord referrer : manifests.referrers(name, subject, artifactType)) {
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
