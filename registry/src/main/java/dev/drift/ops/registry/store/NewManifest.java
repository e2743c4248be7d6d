package dev.drift.ops.registry.store;

import java.util.List;

/**
 * A manifest about to be stored: what the registry parsed out of the pushed document.
 *
 * @param digest        canonical digest of the exact bytes pushed
 * @param mediaType     the manifest's media type (from its mediaType field or the request's Content-Type)
 * @param size          length of the document in bytes
 * @param subject       digest of the manifest this one refers to (OCI {@code subject}), or null
 * @param artifactType  artifactType, else config.mediaType for an image manifest, or null
 * @param annotations   the manifest's annotations serialised as a JSON object, or null
 * @param blobRefs      digests of config and layers (image manifests)
 * @param manifestRefs  digests of child manifests (indexes)
 */
public record NewManifest(
        String digest,
        String mediaType,
        long size,
        String subject,
        String artifactType,
        String annotations,
        List<String> blobRefs,
        List<String> manifestRefs) {

    public NewManifest {
        blobRefs = List.copyOf(blobRefs);
        manifestRefs = List.copyOf(manifestRefs);
    }
}
