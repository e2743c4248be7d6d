package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.Json.texts;
import static dev.drift.ops.e2e.suite.OciClient.INDEX;
import static dev.drift.ops.e2e.suite.OciClient.MANIFEST;
import static dev.drift.ops.e2e.suite.OciClient.sha256;
import static dev.drift.ops.e2e.suite.Responses.describe;
import static dev.drift.ops.e2e.suite.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.drift.ops.e2e.suite.OciClient.Descriptor;
import dev.drift.ops.e2e.suite.OciClient.Image;
import io.restassured.response.Response;

/** Tag listing with paging, the catalog, and the referrers API (OCI Distribution spec, content discovery). */
@DriftE2e
@Tag("oci")
class OciDiscoveryTests {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final List<String> TAGS = List.of("alpha", "beta", "delta", "epsilon", "gamma");

    private final Registry registry;
    private final OciClient oci;
    private final String namespace = Names.unique();
    private final String repo = namespace + "/discovery";
    private Image image;

    OciDiscoveryTests(Registry registry) {
        this.registry = registry;
        this.oci = new OciClient(registry);
    }

    @BeforeAll
    void pushTaggedImage() {
        image = oci.pushImage(repo, null, 1);
        for (String tag : List.of("gamma", "alpha", "epsilon", "beta", "delta")) {
            oci.pushManifest(repo, tag, MANIFEST, image.bytes());
        }
    }

    @AfterAll
    void cleanUp() {
        oci.cleanUp();
    }

    @Test
    void tagsAreListedInLexicalOrder() {
        Response list = registry.given().get("/v2/" + repo + "/tags/list");
        assertThat(list.statusCode()).as(describe(list)).isEqualTo(200);
        assertThat(json(list).path("name").asText()).isEqualTo(repo);
        assertThat(texts(json(list).path("tags")))
                .as("tags of %s in lexical order (OCI 1.1, listing tags: the list MUST be sorted)", repo)
                .containsExactlyElementsOf(TAGS);
    }

    @Test
    void tagsArePagedWithNAndLastFollowingTheLinkHeader() {
        List<List<String>> pages = new ArrayList<>();
        String next = "/v2/" + repo + "/tags/list?n=2";
        while (next != null && pages.size() <= TAGS.size()) {
            Response page = registry.given().get(next);
            assertThat(page.statusCode()).as("GET %s: %s", next, describe(page)).isEqualTo(200);
            List<String> tags = texts(json(page).path("tags"));
            assertThat(tags).as("GET %s returns at most n=2 tags (OCI 1.1, listing tags with n and last)", next).hasSizeLessThanOrEqualTo(2);
            pages.add(tags);
            next = nextLink(page);
        }
        assertThat(pages).containsExactly(List.of("alpha", "beta"), List.of("delta", "epsilon"), List.of("gamma"));

        Response afterLast = registry.given().get("/v2/" + repo + "/tags/list?n=10&last=beta");
        assertThat(texts(json(afterLast).path("tags"))).as("tags after 'beta'").containsExactly("delta", "epsilon", "gamma");

        Response none = registry.given().get("/v2/" + repo + "/tags/list?n=0");
        assertThat(none.statusCode()).as(describe(none)).isEqualTo(200);
        assertThat(json(none).path("tags")).as("n=0 asks for no tags").isEmpty();
        assertThat(none.header("Link")).as("no next page after n=0").isNull();
    }

    @Test
    void catalogListsTheRepositoriesAndPages() {
        oci.pushBlob(namespace + "/second", OciClient.config("arm64"), OciClient.CONFIG);
        // Start just before this run's names, so the answer does not depend on what else the registry holds.
        Response first = registry.given().get("/v2/_catalog?n=1&last=" + namespace);
        assertThat(first.statusCode()).as(describe(first)).isEqualTo(200);
        assertThat(texts(json(first).path("repositories"))).containsExactly(repo);
        String next = nextLink(first);
        assertThat(next).as("Link to the next catalog page").isNotNull();

        Response second = registry.given().get(next);
        assertThat(texts(json(second).path("repositories"))).containsExactly(namespace + "/second");
    }

    @Test
    void referrersListArtifactsBySubjectAndFilterByArtifactType() {
        Descriptor subject = image.manifest();
        Image signature = oci.pushImage(repo, null, "application/vnd.dev.drift.e2e.signature", subject, 1);
        Image sbom = oci.pushImage(repo, null, "application/vnd.dev.drift.e2e.sbom", subject, 1);

        Response all = registry.given().get("/v2/" + repo + "/referrers/" + subject.digest());
        assertThat(all.statusCode())
                .as("GET /v2/<name>/referrers/<digest>: the OCI 1.1 referrers API (a registry without it answers 404): %s",
                        describe(all))
                .isEqualTo(200);
        assertThat(all.contentType()).isEqualTo(INDEX);
        JsonNode manifests = json(all).path("manifests");
        assertThat(digests(manifests)).containsExactlyInAnyOrder(signature.manifest().digest(), sbom.manifest().digest());
        assertThat(texts(manifests, "artifactType"))
                .containsExactlyInAnyOrder("application/vnd.dev.drift.e2e.signature", "application/vnd.dev.drift.e2e.sbom");
        assertThat(manifests.get(0).path("annotations").path("dev.drift.e2e.note").asText()).isNotEmpty();

        Response filtered = registry.given()
                .get("/v2/" + repo + "/referrers/" + subject.digest() + "?artifactType=application/vnd.dev.drift.e2e.sbom");
        assertThat(filtered.header("OCI-Filters-Applied"))
                .as("the registry applied the artifactType filter (the spec lets a registry skip it; Drift must not)")
                .isEqualTo("artifactType");
        assertThat(digests(json(filtered).path("manifests"))).containsExactly(sbom.manifest().digest());

        Response none = registry.given().get("/v2/" + repo + "/referrers/" + sha256("no such subject".getBytes()));
        assertThat(none.statusCode()).as(describe(none)).isEqualTo(200);
        assertThat(json(none).path("manifests")).isEmpty();
    }

    @Test
    void pushOfAManifestWithASubjectAnswersWithOciSubject() {
        // A subject of its own, so the referrers test above sees only its two artifacts.
        Descriptor subject = oci.pushImage(repo, null, 1).manifest();
        Descriptor config = oci.pushBlob(repo, OciClient.config("amd64"), OciClient.CONFIG);
        Descriptor layer = oci.pushBlob(repo, OciClient.random(256), OciClient.LAYER);
        byte[] attestation = OciClient.imageManifest(config, List.of(layer), "application/vnd.dev.drift.e2e.attestation",
                subject);
        Response pushed = oci.putManifest(repo, sha256(attestation), MANIFEST, attestation);
        oci.remember("/v2/" + repo + "/manifests/" + sha256(attestation));
        assertThat(pushed.statusCode()).as(describe(pushed)).isEqualTo(201);
        assertThat(pushed.header("OCI-Subject"))
                .as("OCI-Subject header on PUT of a manifest with a subject: part of the OCI 1.1 referrers API (a registry without it sets none)")
                .isEqualTo(subject.digest());
    }

    /** The next page named by a {@code Link: <url>; rel="next"} header, or null on the last page. */
    private static String nextLink(Response response) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT_LINK.matcher(link);
        assertThat(matcher.find()).as("Link header %s names the next page", link).isTrue();
        return matcher.group(1);
    }

    private static List<String> digests(JsonNode manifests) {
        return texts(manifests, "digest");
    }
}
