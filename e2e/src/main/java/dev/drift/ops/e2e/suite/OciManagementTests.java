package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.OciClient.LAYER;
import static dev.drift.ops.e2e.suite.OciClient.MANIFEST;
import static dev.drift.ops.e2e.suite.OciClient.random;
import static dev.drift.ops.e2e.suite.Responses.describe;
import static dev.drift.ops.e2e.suite.Responses.errorCodes;
import static dev.drift.ops.e2e.suite.Responses.json;
import static dev.drift.ops.e2e.suite.Responses.location;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.drift.ops.e2e.suite.OciClient.Descriptor;
import dev.drift.ops.e2e.suite.OciClient.Image;
import io.restassured.response.Response;

/** Cross-repository mounts and deletes of tags, manifests and blobs (OCI Distribution spec, content management). */
@DriftE2e
@Tag("oci")
class OciManagementTests {

    private final Registry registry;
    private final OciClient oci;
    private final String namespace = Names.unique();

    OciManagementTests(Registry registry) {
        this.registry = registry;
        this.oci = new OciClient(registry);
    }

    @AfterAll
    void cleanUp() {
        oci.cleanUp();
    }

    @Test
    void blobIsMountedFromAnotherRepositoryWithoutUpload() {
        String source = namespace + "/mount-source";
        String target = namespace + "/mount-target";
        Descriptor layer = oci.pushBlob(source, random(1500), LAYER);

        Response mounted = registry.given()
                .post("/v2/" + target + "/blobs/uploads/?mount=" + layer.digest() + "&from=" + source);
        oci.remember("/v2/" + target + "/blobs/" + layer.digest());
        assertThat(mounted.statusCode()).as("mount of %s from %s: %s", layer.digest(), source, describe(mounted)).isEqualTo(201);
        assertThat(location(mounted)).contains("/v2/" + target + "/blobs/" + layer.digest());
        assertThat(registry.given().head("/v2/" + target + "/blobs/" + layer.digest()).statusCode()).isEqualTo(200);
    }

    @Test
    void mountFromARepositoryWithoutTheBlobFallsBackToAnUpload() {
        String target = namespace + "/mount-fallback";
        String absent = OciClient.sha256(random(64));
        Response fallback = registry.given()
                .post("/v2/" + target + "/blobs/uploads/?mount=" + absent + "&from=" + namespace + "/nowhere");
        assertThat(fallback.statusCode())
                .as("a mount the registry cannot do opens an upload session instead: %s", describe(fallback))
                .isEqualTo(202);
        registry.given().delete(location(fallback));
    }

    @Test
    void deletingATagKeepsTheManifestAndItsOtherTags() {
        String repo = namespace + "/delete-tag";
        Image image = oci.pushImage(repo, "v1", 1);
        oci.pushManifest(repo, "v2", MANIFEST, image.bytes());

        Response deleted = registry.given().delete("/v2/" + repo + "/manifests/v1");
        Assumptions.assumeFalse(deleted.statusCode() == 400 || deleted.statusCode() == 405,
                "the registry answered " + deleted.statusCode() + " to DELETE of a tag: it does not delete tags,"
                        + " which the spec allows (" + describe(deleted) + ")");
        assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(202);
        Response gone = oci.getManifest(repo, "v1");
        assertThat(gone.statusCode()).as(describe(gone)).isEqualTo(404);
        assertThat(errorCodes(gone)).contains("MANIFEST_UNKNOWN");
        assertThat(oci.getManifest(repo, "v2").statusCode()).isEqualTo(200);
        assertThat(oci.getManifest(repo, image.manifest().digest()).statusCode()).isEqualTo(200);
        assertThat(json(registry.given().get("/v2/" + repo + "/tags/list")).path("tags").toString()).isEqualTo("[\"v2\"]");
    }

    @Test
    void deletingAManifestByDigestRemovesItUnderEveryTag() {
        String repo = namespace + "/delete-manifest";
        Image image = oci.pushImage(repo, "v1", 2);
        oci.pushManifest(repo, "v2", MANIFEST, image.bytes());
        String digest = image.manifest().digest();

        Response deleted = registry.given().delete("/v2/" + repo + "/manifests/" + digest);
        assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(202);
        for (String reference : new String[] {digest, "v1", "v2"}) {
            Response gone = oci.getManifest(repo, reference);
            assertThat(gone.statusCode()).as("GET %s after the delete: %s", reference, describe(gone)).isEqualTo(404);
            assertThat(errorCodes(gone)).contains("MANIFEST_UNKNOWN");
        }
        Response again = registry.given().delete("/v2/" + repo + "/manifests/" + digest);
        assertThat(again.statusCode()).as(describe(again)).isEqualTo(404);
        assertThat(errorCodes(again)).contains("MANIFEST_UNKNOWN");
    }

    @Test
    void deletingABlobMakesItUnknown() {
        String repo = namespace + "/delete-blob";
        Descriptor layer = oci.pushBlob(repo, random(700), LAYER);

        Response deleted = registry.given().delete("/v2/" + repo + "/blobs/" + layer.digest());
        assertThat(deleted.statusCode()).as(describe(deleted)).isEqualTo(202);
        Response gone = registry.given().get("/v2/" + repo + "/blobs/" + layer.digest());
        assertThat(gone.statusCode()).as(describe(gone)).isEqualTo(404);
        assertThat(errorCodes(gone)).contains("BLOB_UNKNOWN");
        assertThat(registry.given().head("/v2/" + repo + "/blobs/" + layer.digest()).statusCode()).isEqualTo(404);
    }
}
