package dev.drift.ops.registry.oci;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.blob.InvalidDigestException;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.registry.store.NewManifest;

/**
 * Reads a pushed manifest far enough to store it correctly: its media type, the blobs and manifests it
 * references, its subject and artifact type. Anything malformed is MANIFEST_INVALID with the reason.
 */
final class ManifestParser {

    private ManifestParser() {
    }

    static NewManifest parse(byte[] document, Digest digest, String contentType) {
        JsonNode root = readObject(document);
        String mediaType = mediaType(root, MediaTypes.strip(contentType));
        // asInt would read the string "2" as 2; the schema wants the JSON number.
        JsonNode schemaVersion = root.path("schemaVersion");
        if (!schemaVersion.isIntegralNumber() || schemaVersion.asLong() != 2) {
            throw invalid("schemaVersion must be 2");
        }
        List<String> blobRefs = new ArrayList<>();
        List<String> manifestRefs = new ArrayList<>();
        String artifactType = text(root, "artifactType");
        if (MediaTypes.IMAGE_MANIFESTS.contains(mediaType)) {
            JsonNode config = root.get("config");
            if (config == null || !config.isObject()) {
                throw invalid("an image manifest needs a config descriptor");
            }
            String configDigest = descriptorDigest(config, "config");
            blobRefs.add(configDigest);
            JsonNode layers = root.get("layers");
            if (layers == null || !layers.isArray()) {
                throw invalid("an image manifest needs a layers array");
            }
            for (int i = 0; i < layers.size(); i++) {
                JsonNode layer = layers.get(i);
                String layerDigest = descriptorDigest(layer, "layers[" + i + "]");
                // Foreign (non-distributable) layers live elsewhere and are never pushed here.
                if (!layer.has("urls")) {
                    blobRefs.add(layerDigest);
                }
            }
            if (artifactType == null) {
                artifactType = text(config, "mediaType");
            }
        } else if (MediaTypes.INDEXES.contains(mediaType)) {
            JsonNode manifests = root.get("manifests");
            if (manifests == null || !manifests.isArray()) {
                throw invalid("an index needs a manifests array");
            }
            for (int i = 0; i < manifests.size(); i++) {
                manifestRefs.add(descriptorDigest(manifests.get(i), "manifests[" + i + "]"));
            }
        } else {
            throw invalid("unsupported manifest media type " + mediaType);
        }
        JsonNode subject = root.get("subject");
        String subjectDigest = subject == null || subject.isNull() ? null : descriptorDigest(subject, "subject");
        JsonNode annotations = root.get("annotations");
        String annotationsJson = annotations != null && annotations.isObject() ? annotations.toString() : null;
        return new NewManifest(digest.toString(), mediaType, document.length, subjectDigest, artifactType,
                annotationsJson, blobRefs, manifestRefs);
    }

    private static JsonNode readObject(byte[] document) {
        try {
            JsonNode root = Json.MAPPER.readTree(document);
            if (root == null || !root.isObject()) {
                throw invalid("a manifest must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalid("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("not readable: " + e.getMessage());
        }
    }

    /** The declared mediaType must agree with Content-Type; when both are absent the shape decides. */
    private static String mediaType(JsonNode root, String contentType) {
        String declared = text(root, "mediaType");
        if (declared != null && contentType != null && !declared.equals(contentType)) {
            throw invalid("mediaType " + declared + " does not match Content-Type " + contentType);
        }
        if (declared != null) {
            return declared;
        }
        if (contentType != null && !contentType.equals("application/json")) {
            return contentType;
        }
        return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    private static String descriptorDigest(JsonNode descriptor, String where) {
        if (descriptor == null || !descriptor.isObject()) {
            throw invalid(where + " must be a descriptor object");
        }
        if (!descriptor.path("size").canConvertToLong() || descriptor.path("size").asLong() < 0) {
            throw invalid(where + " needs a non-negative size");
        }
        try {
            return Digest.parse(text(descriptor, "digest")).toString();
        } catch (InvalidDigestException e) {
            throw invalid(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static OciException invalid(String detail) {
        return new OciException(OciError.MANIFEST_INVALID, detail);
    }
}
