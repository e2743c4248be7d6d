package dev.drift.ops.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.drift.ops.registry.blob.Digest;

/** Builds small, valid OCI content and pushes it through the HTTP API the way a client does. */
public final class OciFixtures {

    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

    private OciFixtures() {
    }

    public static Digest pushBlob(RegistryHttp registry, String repo, byte[] content) throws Exception {
        Digest digest = Digest.sha256(content);
        var response = registry.post("/v2/" + repo + "/blobs/uploads/?digest=" + digest, "application/octet-stream", content);
        assertThat(response.statusCode()).as(RegistryHttp.text(response)).isEqualTo(201);
        return digest;
    }

    /** An image manifest over one config and the given layers (all pushed first); returns the manifest bytes. */
    public static byte[] imageManifest(RegistryHttp registry, String repo, String artifactType, String subject,
                                       byte[]... layers) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        Digest configDigest = pushBlob(registry, repo, config);
        StringBuilder layerJson = new StringBuilder();
        for (byte[] layer : layers) {
            Digest digest = pushBlob(registry, repo, layer);
            if (!layerJson.isEmpty()) {
                layerJson.append(',');
            }
            layerJson.append(descriptor(LAYER, digest, layer.length));
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\","
                + (artifactType == null ? "" : "\"artifactType\":\"" + artifactType + "\",")
                + "\"config\":" + descriptor(CONFIG, configDigest, config.length) + ","
                + "\"layers\":[" + layerJson + "]"
                + (subject == null ? "" : ",\"subject\":" + subject)
                + ",\"annotations\":{\"org.example.note\":\"fixture\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] index(List<String> manifestDescriptors) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + String.join(",", manifestDescriptors) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static String descriptor(String mediaType, Digest digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    public static String putManifest(RegistryHttp registry, String repo, String reference, byte[] manifest, String mediaType)
            throws Exception {
        var response = registry.put("/v2/" + repo + "/manifests/" + reference, mediaType, manifest);
        assertThat(response.statusCode()).as(RegistryHttp.text(response)).isEqualTo(201);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
