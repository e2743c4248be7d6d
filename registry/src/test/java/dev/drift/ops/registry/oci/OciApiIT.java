package dev.drift.ops.registry.oci;

import static dev.drift.ops.registry.OciFixtures.INDEX;
import static dev.drift.ops.registry.OciFixtures.MANIFEST;
import static dev.drift.ops.registry.OciFixtures.descriptor;
import static dev.drift.ops.registry.OciFixtures.imageManifest;
import static dev.drift.ops.registry.OciFixtures.pushBlob;
import static dev.drift.ops.registry.OciFixtures.putManifest;
import static dev.drift.ops.registry.RunningRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.registry.MetadataBackend;
import dev.drift.ops.registry.OciFixtures;
import dev.drift.ops.registry.RunningRegistry;
import dev.drift.ops.registry.blob.Digest;
import dev.drift.ops.registry.http.Json;

/** The OCI Distribution API of a real server on 127.0.0.1, driven over HTTP. */
@ParameterizedClass(name = "on {0}")
@EnumSource(MetadataBackend.class)
class OciApiIT {

    @Parameter
    MetadataBackend backend;

    @TempDir
    Path dataDir;

    private RunningRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(backend, dataDir, "");
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void baseEndpointAnswersWithTheApiVersionHeader() throws Exception {
        HttpResponse<byte[]> response = registry.get("/v2/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
    }

    @Test
    void monolithicPushThenPullWithRanges() throws Exception {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Digest digest = pushBlob(registry, "library/app", content);

        HttpResponse<byte[]> full = registry.get("/v2/library/app/blobs/" + digest);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(content);
        assertThat(full.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());

        HttpResponse<byte[]> head = registry.head("/v2/library/app/blobs/" + digest);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(16);

        HttpResponse<byte[]> partial = registry.send(registry.request("/v2/library/app/blobs/" + digest).header("Range", "bytes=4-7"));
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(text(partial)).isEqualTo("4567");
        assertThat(partial.headers().firstValue("Content-Range")).contains("bytes 4-7/16");

        HttpResponse<byte[]> beyond = registry.send(registry.request("/v2/library/app/blobs/" + digest).header("Range", "bytes=16-20"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */16");
    }

    @Test
    void digestMismatchIsRejectedAndLeavesNothingBehind() throws Exception {
        byte[] content = "real content".getBytes(StandardCharsets.UTF_8);
        Digest wrong = Digest.sha256("other content".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = registry.post("/v2/app/blobs/uploads/?digest=" + wrong, "application/octet-stream", content);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("DIGEST_INVALID");
        assertThat(registry.head("/v2/app/blobs/" + wrong).statusCode()).isEqualTo(404);
        assertThat(registry.head("/v2/app/blobs/" + Digest.sha256(content)).statusCode()).isEqualTo(404);
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(file -> file.contains(wrong.hex()) || file.contains(Digest.sha256(content).hex()));
        }
    }

    @Test
    void chunkedUploadWithResumeAndOutOfOrderChunk() throws Exception {
        byte[] part1 = "first-chunk-".getBytes(StandardCharsets.UTF_8);
        byte[] part2 = "second-chunk".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> started = registry.post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0]);
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.headers().firstValue("OCI-Chunk-Min-Length")).isPresent();
        String location = started.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> first = patch(location, part1, "0-" + (part1.length - 1));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).contains("0-" + (part1.length - 1));
        location = first.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> outOfOrder = patch(location, part2, "100-111");
        assertThat(outOfOrder.statusCode()).isEqualTo(416);

        HttpResponse<byte[]> status = registry.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).contains("0-" + (part1.length - 1));

        HttpResponse<byte[]> second = patch(location, part2, part1.length + "-" + (part1.length + part2.length - 1));
        assertThat(second.statusCode()).isEqualTo(202);

        byte[] whole = (new String(part1, StandardCharsets.UTF_8) + new String(part2, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(whole);
        HttpResponse<byte[]> finished = registry.put(location + "?digest=" + digest, "application/octet-stream", new byte[0]);
        assertThat(finished.statusCode()).as(text(finished)).isEqualTo(201);
        assertThat(registry.get("/v2/app/blobs/" + digest).body()).isEqualTo(whole);
    }

    @Test
    void cancelledUploadIsGone() throws Exception {
        String location = registry.post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0])
                .headers().firstValue("Location").orElseThrow();
        assertThat(registry.delete(location).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> after = registry.get(location);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(errorCode(after)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void crossRepositoryMountLinksWithoutUpload() throws Exception {
        Digest digest = pushBlob(registry, "source/repo", "shared layer".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> mounted = registry.post("/v2/target/repo/blobs/uploads/?mount=" + digest + "&from=source/repo",
                "application/octet-stream", new byte[0]);
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(mounted.headers().firstValue("Location")).contains("/v2/target/repo/blobs/" + digest);
        assertThat(registry.head("/v2/target/repo/blobs/" + digest).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> unknownSource = registry.post("/v2/target/repo/blobs/uploads/?mount=" + digest + "&from=nowhere",
                "application/octet-stream", new byte[0]);
        assertThat(unknownSource.statusCode()).isEqualTo(202);

        HttpResponse<byte[]> anonymous = registry.post("/v2/third/repo/blobs/uploads/?mount=" + digest,
                "application/octet-stream", new byte[0]);
        assertThat(anonymous.statusCode()).isEqualTo(201);
        assertThat(registry.head("/v2/third/repo/blobs/" + digest).statusCode()).isEqualTo(200);

        Digest unknown = Digest.sha256("nobody has this".getBytes(StandardCharsets.UTF_8));
        assertThat(registry.post("/v2/third/repo/blobs/uploads/?mount=" + unknown, "application/octet-stream", new byte[0])
                .statusCode()).isEqualTo(202);
    }

    @Test
    void manifestPushPullByTagAndDigest() throws Exception {
        byte[] manifest = imageManifest(registry, "app", null, null, "layer-one".getBytes(), "layer-two".getBytes());
        String digest = putManifest(registry, "app", "v1", manifest, MANIFEST);
        assertThat(digest).isEqualTo(Digest.sha256(manifest).toString());

        for (String reference : List.of("v1", digest)) {
            HttpResponse<byte[]> pulled = registry.get("/v2/app/manifests/" + reference);
            assertThat(pulled.statusCode()).isEqualTo(200);
            assertThat(pulled.body()).isEqualTo(manifest);
            assertThat(pulled.headers().firstValue("Content-Type")).contains(MANIFEST);
            assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(digest);
        }
        HttpResponse<byte[]> head = registry.head("/v2/app/manifests/v1");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(manifest.length);
        assertThat(registry.get("/v2/app/manifests/v2").statusCode()).isEqualTo(404);
    }

    @Test
    void manifestReferencingAnUnknownBlobIsRejected() throws Exception {
        Digest missing = Digest.sha256("never pushed".getBytes());
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":"
                + descriptor("application/vnd.oci.image.config.v1+json", missing, 12) + ",\"layers\":[]}";
        HttpResponse<byte[]> response = registry.put("/v2/app/manifests/v1", MANIFEST, manifest.getBytes());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedManifestsAreInvalid() throws Exception {
        for (String body : List.of("not json", "[]", "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\"}")) {
            HttpResponse<byte[]> response = registry.put("/v2/app/manifests/v1", MANIFEST, body.getBytes());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(errorCode(response)).as(body).isEqualTo("MANIFEST_INVALID");
        }
    }

    @Test
    void manifestPutByWrongDigestIsDigestInvalid() throws Exception {
        byte[] manifest = imageManifest(registry, "app", null, null, "layer".getBytes());
        Digest other = Digest.sha256("something else".getBytes());
        HttpResponse<byte[]> response = registry.put("/v2/app/manifests/" + other, MANIFEST, manifest);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void imageIndexOverPushedManifests() throws Exception {
        byte[] amd64 = imageManifest(registry, "multi", null, null, "amd64 layer".getBytes());
        byte[] arm64 = imageManifest(registry, "multi", null, null, "arm64 layer".getBytes());
        Digest a = Digest.parse(putManifest(registry, "multi", Digest.sha256(amd64).toString(), amd64, MANIFEST));
        Digest b = Digest.parse(putManifest(registry, "multi", Digest.sha256(arm64).toString(), arm64, MANIFEST));
        byte[] index = dev.drift.ops.registry.OciFixtures.index(List.of(
                descriptor(MANIFEST, a, amd64.length), descriptor(MANIFEST, b, arm64.length)));
        String indexDigest = putManifest(registry, "multi", "latest", index, INDEX);
        HttpResponse<byte[]> pulled = registry.get("/v2/multi/manifests/latest");
        assertThat(pulled.headers().firstValue("Content-Type")).contains(INDEX);
        assertThat(pulled.body()).isEqualTo(index);

        // A child stays while the index lists it.
        HttpResponse<byte[]> refused = registry.delete("/v2/multi/manifests/" + a);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(errorCode(refused)).isEqualTo("DENIED");
        assertThat(errorDetail(refused)).contains("referenced", indexDigest);
        assertThat(registry.get("/v2/multi/manifests/" + a).statusCode()).isEqualTo(200);
        assertThat(registry.delete("/v2/multi/manifests/" + indexDigest).statusCode()).isEqualTo(202);
        assertThat(registry.delete("/v2/multi/manifests/" + a).statusCode()).isEqualTo(202);
    }

    @Test
    void anIndexWhoseChildrenAreNotInTheRepositoryIsRefusedNamingThem() throws Exception {
        byte[] amd64 = imageManifest(registry, "multi", null, null, "amd64 layer".getBytes());
        Digest a = Digest.parse(putManifest(registry, "multi", Digest.sha256(amd64).toString(), amd64, MANIFEST));
        byte[] elsewhere = imageManifest(registry, "other", null, null, "arm64 layer".getBytes());
        Digest b = Digest.parse(putManifest(registry, "other", Digest.sha256(elsewhere).toString(), elsewhere, MANIFEST));
        Digest neverPushed = Digest.sha256("not mirrored".getBytes());
        byte[] sparse = dev.drift.ops.registry.OciFixtures.index(List.of(descriptor(MANIFEST, a, amd64.length),
                descriptor(MANIFEST, b, elsewhere.length), descriptor(MANIFEST, neverPushed, 10)));

        HttpResponse<byte[]> response = registry.put("/v2/multi/manifests/sparse", INDEX, sparse);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(errorDetail(response)).contains("manifests not in multi", b.toString(), neverPushed.toString())
                .doesNotContain(a.toString());
        assertThat(registry.get("/v2/multi/manifests/sparse").statusCode()).isEqualTo(404);
    }

    @Test
    void aManifestWhoseLayersAreNotInTheRepositoryIsRefusedNamingThem() throws Exception {
        Digest config = pushBlob(registry, "app", "{}".getBytes());
        Digest pushed = pushBlob(registry, "app", "pushed layer".getBytes());
        Digest elsewhere = pushBlob(registry, "other", "layer of another repository".getBytes());
        Digest neverPushed = Digest.sha256("never pushed layer".getBytes());
        String layers = String.join(",", descriptor(OciFixtures.LAYER, pushed, 12), descriptor(OciFixtures.LAYER, elsewhere, 28),
                descriptor(OciFixtures.LAYER, neverPushed, 18),
                // A foreign layer lives at its URLs and is never pushed to a registry: not a reference to check.
                "{\"mediaType\":\"application/vnd.oci.image.layer.nondistributable.v1.tar\",\"digest\":\""
                        + Digest.sha256("foreign".getBytes()) + "\",\"size\":7,\"urls\":[\"https://example.com/layer\"]}");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":"
                + descriptor(OciFixtures.CONFIG, config, 2) + ",\"layers\":[" + layers + "]}";

        HttpResponse<byte[]> response = registry.put("/v2/app/manifests/v1", MANIFEST, manifest.getBytes());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(errorDetail(response)).contains(elsewhere.toString(), neverPushed.toString())
                .doesNotContain(pushed.toString(), config.toString(), Digest.sha256("foreign".getBytes()).toString());
        assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(404);
        assertThat(json(registry.get("/v2/app/tags/list")).path("tags")).isEmpty();
    }

    @Test
    void aBlobAManifestReferencesCannotBeDeletedAndStaysPullable() throws Exception {
        byte[] layer = "still needed".getBytes();
        byte[] manifest = imageManifest(registry, "kept", null, null, layer);
        String manifestDigest = putManifest(registry, "kept", "v1", manifest, MANIFEST);
        Digest layerDigest = Digest.sha256(layer);

        HttpResponse<byte[]> refused = registry.delete("/v2/kept/blobs/" + layerDigest);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(errorCode(refused)).isEqualTo("DENIED");
        assertThat(errorDetail(refused)).contains("referenced", manifestDigest);
        HttpResponse<byte[]> pulled = registry.get("/v2/kept/blobs/" + layerDigest);
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.body()).isEqualTo(layer);

        assertThat(registry.delete("/v2/kept/manifests/" + manifestDigest).statusCode()).isEqualTo(202);
        assertThat(registry.delete("/v2/kept/blobs/" + layerDigest).statusCode()).isEqualTo(202);
        assertThat(registry.get("/v2/kept/blobs/" + layerDigest).statusCode()).isEqualTo(404);
    }

    @Test
    void pushByDigestWithTagParametersTagsAtOnce() throws Exception {
        byte[] manifest = imageManifest(registry, "tagged", null, null, "layer".getBytes());
        Digest digest = Digest.sha256(manifest);
        HttpResponse<byte[]> pushed = registry.put("/v2/tagged/manifests/" + digest + "?tag=v1&tag=latest", MANIFEST, manifest);
        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(pushed.headers().firstValue("OCI-Tag")).contains("v1, latest");
        for (String tag : List.of("v1", "latest")) {
            assertThat(registry.get("/v2/tagged/manifests/" + tag).headers().firstValue("Docker-Content-Digest"))
                    .contains(digest.toString());
        }
        HttpResponse<byte[]> badTag = registry.put("/v2/tagged/manifests/" + digest + "?tag=.bad", MANIFEST, manifest);
        assertThat(badTag.statusCode()).isEqualTo(400);
    }

    @Test
    void outOfOrderFinalChunkIs416AndTheUploadResumes() throws Exception {
        byte[] part1 = "0123456789".getBytes(StandardCharsets.UTF_8);
        byte[] part2 = "abcdefghij".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256((new String(part1) + new String(part2)).getBytes(StandardCharsets.UTF_8));
        String location = registry.post("/v2/app/blobs/uploads/", "application/octet-stream", new byte[0])
                .headers().firstValue("Location").orElseThrow();
        location = patch(location, part1, "0-9").headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> skipped = registry.send(registry.request(location + "?digest=" + digest)
                .header("Content-Type", "application/octet-stream").header("Content-Range", "15-24")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(part2)));
        assertThat(skipped.statusCode()).isEqualTo(416);
        assertThat(skipped.headers().firstValue("Range")).contains("0-9");

        HttpResponse<byte[]> finished = registry.send(registry.request(location + "?digest=" + digest)
                .header("Content-Type", "application/octet-stream").header("Content-Range", "10-19")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(part2)));
        assertThat(finished.statusCode()).as(text(finished)).isEqualTo(201);
        assertThat(registry.get("/v2/app/blobs/" + digest).body()).hasSize(20);
    }

    @Test
    void tagsAndCatalogPageInLexicalOrderWithLinks() throws Exception {
        byte[] manifest = imageManifest(registry, "paged", null, null, "layer".getBytes());
        for (String tag : List.of("c", "a", "e", "b", "d")) {
            putManifest(registry, "paged", tag, manifest, MANIFEST);
        }
        HttpResponse<byte[]> first = registry.get("/v2/paged/tags/list?n=2");
        assertThat(json(first).path("tags")).extracting(JsonNode::asText).containsExactly("a", "b");
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("last=b").contains("n=2").contains("rel=\"next\"");

        HttpResponse<byte[]> second = registry.get("/v2/paged/tags/list?n=2&last=b");
        assertThat(json(second).path("tags")).extracting(JsonNode::asText).containsExactly("c", "d");
        HttpResponse<byte[]> last = registry.get("/v2/paged/tags/list?n=2&last=d");
        assertThat(json(last).path("tags")).extracting(JsonNode::asText).containsExactly("e");
        assertThat(last.headers().firstValue("Link")).isEmpty();

        pushBlob(registry, "another/repo", "x".getBytes());
        HttpResponse<byte[]> catalog = registry.get("/v2/_catalog?n=1");
        assertThat(json(catalog).path("repositories")).extracting(JsonNode::asText).containsExactly("another/repo");
        assertThat(catalog.headers().firstValue("Link")).get().asString().contains("last=another%2Frepo");

        HttpResponse<byte[]> unknown = registry.get("/v2/nothing/here/tags/list");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("NAME_UNKNOWN");
    }

    @Test
    void referrersListSubjectsWithArtifactTypeFilter() throws Exception {
        byte[] image = imageManifest(registry, "signed", null, null, "layer".getBytes());
        Digest subject = Digest.parse(putManifest(registry, "signed", "v1", image, MANIFEST));
        String subjectDescriptor = descriptor(MANIFEST, subject, image.length);

        byte[] signature = imageManifest(registry, "signed", "application/vnd.example.signature", subjectDescriptor, "sig".getBytes());
        HttpResponse<byte[]> pushed = registry.put("/v2/signed/manifests/" + Digest.sha256(signature), MANIFEST, signature);
        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(pushed.headers().firstValue("OCI-Subject")).contains(subject.toString());
        byte[] sbom = imageManifest(registry, "signed", "application/vnd.example.sbom", subjectDescriptor, "sbom".getBytes());
        putManifest(registry, "signed", Digest.sha256(sbom).toString(), sbom, MANIFEST);

        HttpResponse<byte[]> all = registry.get("/v2/signed/referrers/" + subject);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).contains(INDEX);
        assertThat(json(all).path("manifests")).extracting(m -> m.path("artifactType").asText())
                .containsExactlyInAnyOrder("application/vnd.example.signature", "application/vnd.example.sbom");
        assertThat(json(all).path("manifests").get(0).path("annotations").path("org.example.note").asText()).isEqualTo("fixture");

        HttpResponse<byte[]> filtered = registry.get("/v2/signed/referrers/" + subject + "?artifactType=application/vnd.example.sbom");
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).contains("artifactType");
        assertThat(json(filtered).path("manifests")).hasSize(1);
        assertThat(json(filtered).path("manifests").get(0).path("digest").asText()).isEqualTo(Digest.sha256(sbom).toString());

        HttpResponse<byte[]> none = registry.get("/v2/signed/referrers/" + Digest.sha256("nothing".getBytes()));
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(none).path("manifests")).isEmpty();
    }

    @Test
    void deletesOfTagsManifestsAndBlobs() throws Exception {
        byte[] layer = "delete me".getBytes();
        byte[] manifest = imageManifest(registry, "gone", null, null, layer);
        String digest = putManifest(registry, "gone", "v1", manifest, MANIFEST);
        putManifest(registry, "gone", "v2", manifest, MANIFEST);

        assertThat(registry.delete("/v2/gone/manifests/v1").statusCode()).isEqualTo(202);
        assertThat(registry.get("/v2/gone/manifests/v1").statusCode()).isEqualTo(404);
        assertThat(registry.get("/v2/gone/manifests/v2").statusCode()).isEqualTo(200);

        assertThat(registry.delete("/v2/gone/manifests/" + digest).statusCode()).isEqualTo(202);
        assertThat(registry.get("/v2/gone/manifests/v2").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> again = registry.delete("/v2/gone/manifests/" + digest);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(errorCode(again)).isEqualTo("MANIFEST_UNKNOWN");

        Digest layerDigest = Digest.sha256(layer);
        assertThat(registry.delete("/v2/gone/blobs/" + layerDigest).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> blob = registry.get("/v2/gone/blobs/" + layerDigest);
        assertThat(blob.statusCode()).isEqualTo(404);
        assertThat(errorCode(blob)).isEqualTo("BLOB_UNKNOWN");
    }

    @Test
    void invalidNamesAndDigestsGetTheirErrorCodes() throws Exception {
        HttpResponse<byte[]> badName = registry.get("/v2/UPPER/case/tags/list");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(errorCode(badName)).isEqualTo("NAME_INVALID");

        HttpResponse<byte[]> badDigest = registry.get("/v2/app/blobs/sha256:nothex");
        assertThat(badDigest.statusCode()).isEqualTo(400);
        assertThat(errorCode(badDigest)).isEqualTo("DIGEST_INVALID");

        HttpResponse<byte[]> unknownBlob = registry.get("/v2/app/blobs/" + Digest.sha256("absent".getBytes()));
        assertThat(errorCode(unknownBlob)).isEqualTo("BLOB_UNKNOWN");
    }

    private HttpResponse<byte[]> patch(String location, byte[] chunk, String range) throws Exception {
        return registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", range)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)));
    }

    static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    static String errorCode(HttpResponse<byte[]> response) throws Exception {
        return json(response).path("errors").path(0).path("code").asText();
    }

    static String errorDetail(HttpResponse<byte[]> response) throws Exception {
        return json(response).path("errors").path(0).path("detail").asText();
    }
}
