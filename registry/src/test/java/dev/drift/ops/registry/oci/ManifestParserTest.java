package dev.drift.ops.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.store.NewManifest;

class ManifestParserTest {

    private static final String CONFIG = "sha256:" + "a".repeat(64);
    private static final String LAYER = "sha256:" + "b".repeat(64);
    private static final String FOREIGN = "sha256:" + "c".repeat(64);
    private static final String SUBJECT = "sha256:" + "d".repeat(64);

    @Test
    void imageManifestYieldsReferencesSubjectAndConfigTypeAsArtifactType() {
        NewManifest manifest = parse("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.example.config", "digest": "%s", "size": 2},
                 "layers": [{"mediaType": "l", "digest": "%s", "size": 3},
                            {"mediaType": "l", "digest": "%s", "size": 4, "urls": ["https://elsewhere"]}],
                 "subject": {"mediaType": "m", "digest": "%s", "size": 5},
                 "annotations": {"k": "v"}}""".formatted(CONFIG, LAYER, FOREIGN, SUBJECT), null);
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(manifest.blobRefs()).containsExactly(CONFIG, LAYER);
        assertThat(manifest.subject()).isEqualTo(SUBJECT);
        assertThat(manifest.artifactType()).isEqualTo("application/vnd.example.config");
        assertThat(manifest.annotations()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void explicitArtifactTypeWins() {
        NewManifest manifest = parse("""
                {"schemaVersion": 2, "artifactType": "application/vnd.example.sbom",
                 "config": {"mediaType": "c", "digest": "%s", "size": 2}, "layers": []}""".formatted(CONFIG),
                MediaTypes.OCI_MANIFEST);
        assertThat(manifest.artifactType()).isEqualTo("application/vnd.example.sbom");
    }

    @Test
    void indexYieldsChildManifests() {
        NewManifest index = parse("""
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
                 "manifests": [{"mediaType": "m", "digest": "%s", "size": 9}]}""".formatted(LAYER), null);
        assertThat(index.manifestRefs()).containsExactly(LAYER);
        assertThat(index.blobRefs()).isEmpty();
    }

    @Test
    void mediaTypeMustAgreeWithContentType() {
        assertInvalid("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": []}""",
                MediaTypes.OCI_MANIFEST, "does not match Content-Type");
    }

    @Test
    void malformedDocumentsNameTheProblem() {
        assertInvalid("{", null, "not valid JSON");
        assertInvalid("{\"schemaVersion\": 1}", MediaTypes.OCI_MANIFEST, "schemaVersion must be 2");
        assertInvalid("{\"schemaVersion\": 2, \"layers\": []}", MediaTypes.OCI_MANIFEST, "config descriptor");
        assertInvalid("""
                {"schemaVersion": 2, "config": {"digest": "sha256:short", "size": 1}, "layers": []}""",
                MediaTypes.OCI_MANIFEST, "config");
        assertInvalid("""
                {"schemaVersion": 2, "config": {"digest": "%s"}, "layers": []}""".formatted(CONFIG),
                MediaTypes.OCI_MANIFEST, "non-negative size");
        assertInvalid("{\"schemaVersion\": 2}", "application/vnd.example.unknown", "unsupported manifest media type");
    }

    private static NewManifest parse(String json, String contentType) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ManifestParser.parse(bytes, Digest.sha256(bytes), contentType);
    }

    @Test
    void schemaVersionMustBeTheNumberTwo() {
        for (String version : new String[] {"\"2\"", "2.5", "true", "null"}) {
            assertInvalid("""
                    {"schemaVersion": %s, "config": {"mediaType": "c", "digest": "%s", "size": 2}, "layers": []}"""
                    .formatted(version, CONFIG), MediaTypes.OCI_MANIFEST, "schemaVersion must be 2");
        }
    }

    private static void assertInvalid(String json, String contentType, String reason) {
        assertThatThrownBy(() -> parse(json, contentType))
                .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.error()).isEqualTo(OciError.MANIFEST_INVALID))
                .hasMessageContaining(reason);
    }
}
