package dev.drift.ops.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Writes and reads OCI image layouts (the `oci:DIR:TAG` transport of skopeo). */
public final class OciLayout {

    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One image of a layout: its manifest bytes and the digests it references. */
    public record Image(String manifestDigest, byte[] manifest, String configDigest, List<String> layerDigests) {
        public List<String> blobDigests() {
            return Stream.concat(Stream.of(configDigest), layerDigests.stream()).toList();
        }
    }

    private OciLayout() {}

    /**
     * Writes a three-layer image tagged `tag` into dir. `flavour` goes into every file, so
     * different flavours give different digests.
     */
    public static Image writeImage(Path dir, String tag, String flavour) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        List<byte[]> layers = List.of(
                new TarArchive().directory("etc").file("etc/drift-it", flavour + " base\n").toBytes(),
                new TarArchive().directory("app").file("app/run.sh", "#!/bin/sh\necho " + flavour + "\n").toBytes(),
                new TarArchive().directory("data").file("data/profile.toml", "name = \"" + flavour + "\"\n").toBytes());

        ArrayNode layerDescriptors = JSON.createArrayNode();
        ArrayNode diffIds = JSON.createArrayNode();
        for (byte[] layer : layers) {
            // Compressed, as registries hold them; skopeo would otherwise compress on push and
            // the pushed manifest would differ from this one.
            byte[] blob = gzip(layer);
            layerDescriptors.add(descriptor(LAYER_TYPE, writeBlob(dir, blob), blob.length));
            diffIds.add(sha256(layer));
        }

        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux");
        config.putObject("config").putArray("Cmd").add("/app/run.sh");
        config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String configDigest = writeBlob(dir, configBytes);

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", MANIFEST_TYPE);
        manifest.set("config", descriptor(CONFIG_TYPE, configDigest, configBytes.length));
        manifest.set("layers", layerDescriptors);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestDigest = writeBlob(dir, manifestBytes);

        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode entry = descriptor(MANIFEST_TYPE, manifestDigest, manifestBytes.length);
        entry.putObject("annotations").put(REF_NAME, tag);
        index.putArray("manifests").add(entry);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);

        return new Image(manifestDigest, manifestBytes, configDigest,
                layerDescriptors.findValuesAsText("digest"));
    }

    /** Reads back the image tagged `tag` from a layout, checking every blob against its digest. */
    public static Image readImage(Path dir, String tag) throws IOException {
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        for (JsonNode entry : index.path("manifests")) {
            if (tag.equals(entry.path("annotations").path(REF_NAME).asText())) {
                String manifestDigest = entry.path("digest").asText();
                byte[] manifestBytes = readBlob(dir, manifestDigest);
                JsonNode manifest = JSON.readTree(manifestBytes);
                String configDigest = manifest.path("config").path("digest").asText();
                readBlob(dir, configDigest);
                List<String> layerDigests = new ArrayList<>();
                for (JsonNode layer : manifest.path("layers")) {
                    layerDigests.add(layer.path("digest").asText());
                    readBlob(dir, layer.path("digest").asText());
                }
                return new Image(manifestDigest, manifestBytes, configDigest, layerDigests);
            }
        }
        throw new IllegalStateException("no image tagged " + tag + " in " + dir.resolve("index.json"));
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(content);
        }
        return compressed.toByteArray();
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("mediaType", mediaType).put("digest", digest).put("size", size);
        return descriptor;
    }

    private static String writeBlob(Path dir, byte[] content) throws IOException {
        String digest = sha256(content);
        Files.write(blobPath(dir, digest), content);
        return digest;
    }

    private static byte[] readBlob(Path dir, String digest) throws IOException {
        byte[] content = Files.readAllBytes(blobPath(dir, digest));
        if (!sha256(content).equals(digest)) {
            throw new IllegalStateException("blob " + digest + " in " + dir + " does not match its digest");
        }
        return content;
    }

    private static Path blobPath(Path dir, String digest) {
        return dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
