package dev.drift.ops.e2e.suite;

import static dev.drift.ops.e2e.suite.Responses.describe;
import static dev.drift.ops.e2e.suite.Responses.location;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

/**
 * Pushes and pulls OCI content through the Distribution API the way a client such as skopeo or
 * docker does, and remembers what it pushed so that {@link #cleanUp()} can delete it again.
 * Every blob it makes is random, so runs and classes never share content by accident.
 */
public final class OciClient {

    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";
    /** What a client pulling OCI content accepts; registries may refuse to serve types the client did not ask for. */
    public static final String ACCEPT = MANIFEST + ", " + INDEX;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Registry registry;
    /** Deletes of what this client pushed, newest first, so referrers and indexes go before what they point at. */
    private final Deque<String> pushedPaths = new ArrayDeque<>();

    public OciClient(Registry registry) {
        this.registry = registry;
    }

    /** A content descriptor as manifests carry it. */
    public record Descriptor(String mediaType, String digest, long size) {
        ObjectNode json() {
            return Json.object().put("mediaType", mediaType).put("digest", digest).put("size", size);
        }
    }

    /** An image manifest as pushed: its descriptor and bytes, its config and its layers' content. */
    public record Image(Descriptor manifest, byte[] bytes, Descriptor config, List<Descriptor> layers, List<byte[]> layerContent) {
    }

    // ---- blobs ---------------------------------------------------------------------------------

    /** Opens an upload session (POST) and returns its Location; the first step of every push. */
    public String startUpload(String repo) {
        Response started = registry.given().post("/v2/" + repo + "/blobs/uploads/");
        assertThat(started.statusCode()).as("POST /v2/%s/blobs/uploads/ opens a session: %s", repo, describe(started)).isEqualTo(202);
        return location(started);
    }

    /** Pushes a blob with POST then a single PUT carrying the content: the flow every registry must support. */
    public Descriptor pushBlob(String repo, byte[] content, String mediaType) {
        String digest = sha256(content);
        Response finished = putUpload(startUpload(repo), digest, content);
        assertThat(finished.statusCode()).as("PUT of blob %s: %s", digest, describe(finished)).isEqualTo(201);
        remember("/v2/" + repo + "/blobs/" + digest);
        return new Descriptor(mediaType, digest, content.length);
    }

    /** Closes an upload session with PUT ?digest=, sending the last (or only) part of the content. */
    public Response putUpload(String location, String digest, byte[] content) {
        return registry.given().contentType("application/octet-stream").body(content)
                .put(withQuery(location, "digest", digest));
    }

    /** Sends one chunk of a chunked upload (PATCH with Content-Range). */
    public Response patchChunk(String location, byte[] chunk, long offset) {
        return registry.given().contentType("application/octet-stream")
                .header("Content-Range", offset + "-" + (offset + chunk.length - 1))
                .body(chunk)
                .patch(location);
    }

    /** Records a blob someone else pushed into this repository, so that {@link #cleanUp()} deletes it too. */
    public void remember(String path) {
        pushedPaths.addFirst(path);
    }

    // ---- manifests -----------------------------------------------------------------------------

    public Response putManifest(String repo, String reference, String mediaType, byte[] manifest) {
        return registry.given().contentType(mediaType).body(manifest).put("/v2/" + repo + "/manifests/" + reference);
    }

    /** PUTs a manifest that must be accepted, checks the digest the registry computed, and returns its descriptor. */
    public Descriptor pushManifest(String repo, String reference, String mediaType, byte[] manifest) {
        String digest = sha256(manifest);
        Response response = putManifest(repo, reference, mediaType, manifest);
        assertThat(response.statusCode()).as("PUT /v2/%s/manifests/%s: %s", repo, reference, describe(response)).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).as("Docker-Content-Digest of the pushed manifest").isEqualTo(digest);
        remember("/v2/" + repo + "/manifests/" + digest);
        return new Descriptor(mediaType, digest, manifest.length);
    }

    public Response getManifest(String repo, String reference) {
        return registry.given().accept(ACCEPT).get("/v2/" + repo + "/manifests/" + reference);
    }

    /** Pushes a config and random layers, then the image manifest under {@code reference}. */
    public Image pushImage(String repo, String reference, int layerCount) {
        return pushImage(repo, reference, null, null, layerCount);
    }

    /** As {@link #pushImage(String, String, int)}, for an artifact with an artifactType and a subject (either may be null). */
    public Image pushImage(String repo, String reference, String artifactType, Descriptor subject, int layerCount) {
        Descriptor config = pushBlob(repo, config("amd64"), CONFIG);
        List<Descriptor> layers = new ArrayList<>();
        List<byte[]> layerContent = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            byte[] content = random(512 + i * 1024);
            layers.add(pushBlob(repo, content, LAYER));
            layerContent.add(content);
        }
        byte[] manifest = imageManifest(config, layers, artifactType, subject);
        Descriptor pushed = pushManifest(repo, reference == null ? sha256(manifest) : reference, MANIFEST, manifest);
        return new Image(pushed, manifest, config, layers, layerContent);
    }

    /** An image config whose random comment makes its digest unique. */
    public static byte[] config(String architecture) {
        ObjectNode config = Json.object().put("architecture", architecture).put("os", "linux")
                .put("comment", "drift e2e " + HexFormat.of().formatHex(random(8)));
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        return Json.bytes(config);
    }

    public static byte[] imageManifest(Descriptor config, List<Descriptor> layers, String artifactType, Descriptor subject) {
        ObjectNode manifest = Json.object().put("schemaVersion", 2).put("mediaType", MANIFEST);
        if (artifactType != null) {
            manifest.put("artifactType", artifactType);
        }
        manifest.set("config", config.json());
        ArrayNode layerArray = manifest.putArray("layers");
        layers.forEach(layer -> layerArray.add(layer.json()));
        if (subject != null) {
            manifest.set("subject", subject.json());
        }
        manifest.putObject("annotations").put("dev.drift.e2e.note", "pushed by the drift e2e suite");
        return Json.bytes(manifest);
    }

    /** An image index over manifests, each for the platform linux/architecture at the same position. */
    public static byte[] index(List<Descriptor> manifests, List<String> architectures) {
        ObjectNode index = Json.object().put("schemaVersion", 2).put("mediaType", INDEX);
        ArrayNode entries = index.putArray("manifests");
        for (int i = 0; i < manifests.size(); i++) {
            ObjectNode entry = manifests.get(i).json();
            entry.putObject("platform").put("architecture", architectures.get(i)).put("os", "linux");
            entries.add(entry);
        }
        return Json.bytes(index);
    }

    // ---- cleanup -------------------------------------------------------------------------------

    /**
     * Deletes what this client pushed, newest first. Answers are not checked: a test may have deleted
     * it already, and a registry may have deletes disabled.
     */
    public void cleanUp() {
        while (!pushedPaths.isEmpty()) {
            String path = pushedPaths.removeFirst();
            try {
                registry.given().delete(path);
            } catch (RuntimeException e) {
                // Best effort: cleanup must not hide the result of the tests themselves.
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Appends a query parameter to a URL that may already have a query (upload Locations often do). */
    public static String withQuery(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
