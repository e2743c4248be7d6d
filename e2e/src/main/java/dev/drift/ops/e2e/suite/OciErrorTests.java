package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.OciClient.INDEX;
import static dev.drift.ops.e2e.suite.OciClient.LAYER;
import static dev.drift.ops.e2e.suite.OciClient.MANIFEST;
import static dev.drift.ops.e2e.suite.OciClient.random;
import static dev.drift.ops.e2e.suite.OciClient.sha256;
import static dev.drift.ops.e2e.suite.Responses.describe;
import static dev.drift.ops.e2e.suite.Responses.errorCodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.drift.ops.e2e.suite.OciClient.Descriptor;
import io.restassured.response.Response;

/** Requests a registry must refuse, with the status and error code the OCI Distribution spec gives them. */
@DriftE2e
@Tag("oci")
class OciErrorTests {

    private final Registry registry;
    private final OciClient oci;
    private final String namespace = Names.unique();
    private final String repo = namespace + "/errors";

    OciErrorTests(Registry registry) {
        this.registry = registry;
        this.oci = new OciClient(registry);
    }

    @AfterAll
    void cleanUp() {
        oci.cleanUp();
    }

    @Test
    void unknownRepositoryManifestAndBlobAre404WithTheirCodes() {
        oci.pushBlob(repo, random(10), LAYER);
        assertError(registry.given().get("/v2/" + namespace + "/never-pushed/tags/list"), 404, "NAME_UNKNOWN");
        assertError(oci.getManifest(repo, "no-such-tag"), 404, "MANIFEST_UNKNOWN");
        assertError(oci.getManifest(repo, sha256(random(10))), 404, "MANIFEST_UNKNOWN");
        assertError(registry.given().get("/v2/" + repo + "/blobs/" + sha256(random(10))), 404, "BLOB_UNKNOWN");
        assertThat(registry.given().head("/v2/" + repo + "/blobs/" + sha256(random(10))).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadClosedWithTheWrongDigestIsDigestInvalid() {
        byte[] content = random(300);
        String wrong = sha256(random(300));
        Response response = oci.putUpload(oci.startUpload(repo), wrong, content);
        assertError(response, 400, "DIGEST_INVALID");
        assertThat(registry.given().head("/v2/" + repo + "/blobs/" + wrong).statusCode()).isEqualTo(404);
        assertThat(registry.given().head("/v2/" + repo + "/blobs/" + sha256(content)).statusCode()).isEqualTo(404);
    }

    @Test
    void malformedDigestIsDigestInvalid() {
        Response response = oci.putUpload(oci.startUpload(repo), "sha256:not-a-hex-digest", random(10));
        assertError(response, 400, "DIGEST_INVALID");
    }

    @Test
    void manifestReferencingUnknownBlobsIsRefusedOrStoredAsIs() {
        Descriptor config = oci.pushBlob(repo, OciClient.config("amd64"), OciClient.CONFIG);
        Descriptor layer = oci.pushBlob(repo, random(20), LAYER);
        Descriptor missingLayer = new Descriptor(LAYER, sha256(random(10)), 10);
        Descriptor missingConfig = new Descriptor(OciClient.CONFIG, sha256(random(10)), 10);
        assertRefusedOrStored("missing-layer", MANIFEST, OciClient.imageManifest(config, List.of(missingLayer), null, null));
        assertRefusedOrStored("missing-config", MANIFEST, OciClient.imageManifest(missingConfig, List.of(layer), null, null));
    }

    @Test
    void indexReferencingAnUnknownManifestIsRefusedOrStoredAsIs() {
        Descriptor missing = new Descriptor(MANIFEST, sha256(random(10)), 10);
        assertRefusedOrStored("dangling-index", INDEX, OciClient.index(List.of(missing), List.of("amd64")));
    }

    @Test
    void manifestThatIsNotJsonIsManifestInvalid() {
        assertError(oci.putManifest(repo, "broken", MANIFEST, "not json at all".getBytes(StandardCharsets.UTF_8)),
                400, "MANIFEST_INVALID");
    }

    @Test
    void manifestWithoutAUsableConfigIsRefused() {
        // The spec names no single code for this (MANIFEST_INVALID "MAY" be returned); any manifest error will do.
        byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        Response response = oci.putManifest(repo, "no-config", MANIFEST, body);
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(400);
        assertThat(errorCodes(response)).as(describe(response))
                .containsAnyOf("MANIFEST_INVALID", "MANIFEST_BLOB_UNKNOWN", "DIGEST_INVALID");
        assertThat(oci.getManifest(repo, "no-config").statusCode()).isEqualTo(404);
    }

    @Test
    void manifestPutUnderAnotherDigestIsDigestInvalid() {
        byte[] manifest = OciClient.imageManifest(oci.pushBlob(repo, OciClient.config("amd64"), OciClient.CONFIG),
                List.of(), null, null);
        assertError(oci.putManifest(repo, sha256(random(10)), MANIFEST, manifest), 400, "DIGEST_INVALID");
    }

    @Test
    void pushUnderAnInvalidRepositoryNameIsRefused() {
        String invalid = namespace + "/Upper-Case";
        Response response = registry.given().post("/v2/" + invalid + "/blobs/uploads/");
        // A registry may answer NAME_INVALID or simply not route the name (404); it must not open an upload.
        assertThat(response.statusCode()).as("POST under %s: %s", invalid, describe(response)).isIn(400, 404);
        if (response.statusCode() == 400) {
            assertThat(errorCodes(response)).as(describe(response)).contains("NAME_INVALID");
        }
    }

    /**
     * The spec lets a registry refuse a manifest that points at content it does not hold
     * (MANIFEST_BLOB_UNKNOWN) or take it as is (a sparse image); either way it must be consistent.
     */
    private void assertRefusedOrStored(String tag, String mediaType, byte[] manifest) {
        Response response = oci.putManifest(repo, tag, mediaType, manifest);
        if (response.statusCode() == 201) {
            oci.remember("/v2/" + repo + "/manifests/" + sha256(manifest));
            Response stored = oci.getManifest(repo, tag);
            assertThat(stored.statusCode()).as("the registry took %s, so it serves it: %s", tag, describe(stored)).isEqualTo(200);
            assertThat(stored.asByteArray()).isEqualTo(manifest);
        } else {
            assertError(response, 400, "MANIFEST_BLOB_UNKNOWN");
            assertThat(oci.getManifest(repo, tag).statusCode()).as("refused %s is not stored", tag).isEqualTo(404);
        }
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.statusCode()).as("expected %d %s, got %s", status, code, describe(response)).isEqualTo(status);
        assertThat(errorCodes(response)).as("error codes of %s", describe(response)).contains(code);
    }
}
