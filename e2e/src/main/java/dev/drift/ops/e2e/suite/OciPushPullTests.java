package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.OciClient.INDEX;
import static dev.drift.ops.e2e.suite.OciClient.LAYER;
import static dev.drift.ops.e2e.suite.OciClient.MANIFEST;
import static dev.drift.ops.e2e.suite.OciClient.random;
import static dev.drift.ops.e2e.suite.OciClient.sha256;
import static dev.drift.ops.e2e.suite.Responses.describe;
import static dev.drift.ops.e2e.suite.Responses.errorCodes;
import static dev.drift.ops.e2e.suite.Responses.location;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.drift.ops.e2e.suite.OciClient.Descriptor;
import dev.drift.ops.e2e.suite.OciClient.Image;
import io.restassured.response.Response;

/** Pushing and pulling blobs, images and an image index, as a client does (OCI Distribution spec, push and pull). */
@DriftE2e
@Tag("oci")
class OciPushPullTests {

    private final Registry registry;
    private final OciClient oci;
    private final String repo = Names.unique() + "/push-pull";

    OciPushPullTests(Registry registry) {
        this.registry = registry;
        this.oci = new OciClient(registry);
    }

    @AfterAll
    void cleanUp() {
        oci.cleanUp();
    }

    @Test
    void baseEndpointAnswersWithTheApiVersion() {
        Response base = registry.given().get("/v2/");
        assertThat(base.statusCode()).as(describe(base)).isEqualTo(200);
        assertThat(base.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }

    @Test
    void blobPushedWithPostThenPutIsPulledBack() {
        byte[] content = random(4096);
        String location = oci.startUpload(repo);
        Response finished = oci.putUpload(location, sha256(content), content);
        assertThat(finished.statusCode()).as(describe(finished)).isEqualTo(201);
        oci.remember("/v2/" + repo + "/blobs/" + sha256(content));
        assertThat(location(finished)).contains("/v2/" + repo + "/blobs/" + sha256(content));
        assertBlobIsServed(sha256(content), content);
    }

    @Test
    void blobPushedInOnePostIsPulledBack() {
        byte[] content = random(2048);
        String digest = sha256(content);
        Response response = registry.given().contentType("application/octet-stream").body(content)
                .post("/v2/" + repo + "/blobs/uploads/?digest=" + digest);
        oci.remember("/v2/" + repo + "/blobs/" + digest);
        if (response.statusCode() == 202) {
            registry.given().delete(location(response));
        }
        Assumptions.assumeTrue(response.statusCode() != 202,
                "the registry answered 202: it does not take a blob in a single POST, which the spec leaves optional");
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
        assertThat(location(response)).contains("/v2/" + repo + "/blobs/" + digest);
        assertBlobIsServed(digest, content);
    }

    @Test
    void chunkedUploadReportsItsProgressAndCompletes() {
        byte[] first = random(3000);
        byte[] second = random(2000);
        byte[] last = random(1000);
        byte[] whole = concat(first, second, last);

        String location = oci.startUpload(repo);
        Response afterFirst = oci.patchChunk(location, first, 0);
        assertThat(afterFirst.statusCode()).as(describe(afterFirst)).isEqualTo(202);
        assertThat(afterFirst.header("Range")).isEqualTo("0-" + (first.length - 1));
        location = location(afterFirst);

        Response status = registry.given().get(location);
        assertThat(status.statusCode()).as("GET on the upload reports its progress: %s", describe(status)).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-" + (first.length - 1));
        location = location(status);

        Response afterSecond = oci.patchChunk(location, second, first.length);
        assertThat(afterSecond.statusCode()).as(describe(afterSecond)).isEqualTo(202);
        assertThat(afterSecond.header("Range")).isEqualTo("0-" + (first.length + second.length - 1));

        // The last chunk rides on the closing PUT, as the spec allows.
        Response finished = oci.putUpload(location(afterSecond), sha256(whole), last);
        assertThat(finished.statusCode()).as(describe(finished)).isEqualTo(201);
        oci.remember("/v2/" + repo + "/blobs/" + sha256(whole));
        assertBlobIsServed(sha256(whole), whole);
    }

    @Test
    void outOfOrderChunkIsRejectedWith416() {
        byte[] first = random(100);
        String location = location(oci.patchChunk(oci.startUpload(repo), first, 0));
        Response skipping = oci.patchChunk(location, random(100), 500);
        assertThat(skipping.statusCode())
                .as("a chunk whose Content-Range does not start where the upload stands must get 416"
                        + " (spec: pushing a blob in chunks); got %s", describe(skipping))
                .isEqualTo(416);
        registry.given().delete(location);
    }

    @Test
    void cancelledUploadIsGone() {
        String location = oci.startUpload(repo);
        Response cancelled = registry.given().delete(location);
        assertThat(cancelled.statusCode()).as(describe(cancelled)).isEqualTo(204);
        Response after = registry.given().get(location);
        assertThat(after.statusCode()).as(describe(after)).isEqualTo(404);
        assertThat(errorCodes(after)).contains("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void blobRangeRequestsReturnPartialContent() {
        byte[] content = "0123456789abcdef".getBytes();
        String digest = oci.pushBlob(repo, content, LAYER).digest();
        Response partial = registry.given().header("Range", "bytes=4-7").get("/v2/" + repo + "/blobs/" + digest);
        assertThat(partial.statusCode()).as(describe(partial)).isEqualTo(206);
        assertThat(partial.asString()).isEqualTo("4567");
        assertThat(partial.header("Content-Range")).isEqualTo("bytes 4-7/16");
    }

    @Test
    void multiLayerImageIsPulledByTagAndByDigest() {
        Image image = oci.pushImage(repo, "v1", 3);
        String digest = image.manifest().digest();
        for (String reference : List.of("v1", digest)) {
            Response pulled = oci.getManifest(repo, reference);
            assertThat(pulled.statusCode()).as("GET manifest %s: %s", reference, describe(pulled)).isEqualTo(200);
            assertThat(pulled.asByteArray()).as("manifest %s comes back byte for byte", reference).isEqualTo(image.bytes());
            assertThat(pulled.contentType()).isEqualTo(MANIFEST);
            assertThat(pulled.header("Docker-Content-Digest")).isEqualTo(digest);
        }
        Response head = registry.given().accept(OciClient.ACCEPT).head("/v2/" + repo + "/manifests/v1");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(image.bytes().length));
        assertThat(head.header("Docker-Content-Digest")).isEqualTo(digest);

        // A client pulls the config and every layer the manifest names.
        assertBlobIsServed(image.config().digest(), null);
        for (int i = 0; i < image.layers().size(); i++) {
            assertBlobIsServed(image.layers().get(i).digest(), image.layerContent().get(i));
        }
    }

    @Test
    void imageIndexOverTwoPlatformsIsPulledWithItsManifests() {
        Image amd64 = oci.pushImage(repo, null, 1);
        Image arm64 = oci.pushImage(repo, null, 2);
        byte[] index = OciClient.index(List.of(amd64.manifest(), arm64.manifest()), List.of("amd64", "arm64"));
        Descriptor pushed = oci.pushManifest(repo, "multi", INDEX, index);

        Response pulled = oci.getManifest(repo, "multi");
        assertThat(pulled.statusCode()).as(describe(pulled)).isEqualTo(200);
        assertThat(pulled.contentType()).isEqualTo(INDEX);
        assertThat(pulled.asByteArray()).isEqualTo(index);
        assertThat(pulled.header("Docker-Content-Digest")).isEqualTo(pushed.digest());
        for (Image platform : List.of(amd64, arm64)) {
            Response child = oci.getManifest(repo, platform.manifest().digest());
            assertThat(child.statusCode()).as(describe(child)).isEqualTo(200);
            assertThat(child.asByteArray()).isEqualTo(platform.bytes());
        }
    }

    /** GET and HEAD of a blob; {@code expected} null checks only that the content matches its digest. */
    private void assertBlobIsServed(String digest, byte[] expected) {
        String path = "/v2/" + repo + "/blobs/" + digest;
        Response blob = registry.given().get(path);
        assertThat(blob.statusCode()).as("GET %s: %s", path, describe(blob)).isEqualTo(200);
        assertThat(sha256(blob.asByteArray())).as("content of %s matches its digest", path).isEqualTo(digest);
        if (expected != null) {
            assertThat(blob.asByteArray()).isEqualTo(expected);
        }
        Response head = registry.given().head(path);
        assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(blob.asByteArray().length));
    }

    private static byte[] concat(byte[]... parts) {
        byte[] whole = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, whole, offset, part.length);
            offset += part.length;
        }
        return whole;
    }
}
