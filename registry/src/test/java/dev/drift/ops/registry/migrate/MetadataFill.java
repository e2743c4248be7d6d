package dev.drift.ops.registry.migrate;

import dev.drift.ops.registry.store.BoltItem;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.NewManifest;
import dev.drift.ops.registry.store.UploadSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Fills a store through its API with a bit of everything the schema holds, including text that is hard to carry
 * across engines and dump formats: quotes, backslashes, tabs, line breaks, semicolons, non-ASCII.
 */
final class MetadataFill {

    static final String AWKWARD = "it's a \"test\"; with \\ backslash,\ttab,\nnewline,\r\nCRLF and ünïcødé ☃ 🚀";

    private MetadataFill() {
    }

    static void fill(MetadataStore store) {
        for (String repo : List.of("library/alpine", "team/app", "Zeta")) {
            String config = digest(repo + "/config");
            String layer = digest(repo + "/layer");
            store.linkBlob(repo, config, 120, "application/vnd.oci.image.config.v1+json");
            store.linkBlob(repo, layer, 1 << 20, null);
            store.putManifest(repo, new NewManifest(digest(repo + "/manifest"),
                    "application/vnd.oci.image.manifest.v1+json", 512, null, null,
                    "{\"note\":\"" + AWKWARD.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                            .replace("\r", "\\r").replace("\t", "\\t") + "\"}",
                    List.of(config, layer), List.of()), List.of("latest", "v1"));
            store.putManifest(repo, new NewManifest(digest(repo + "/signature"),
                    "application/vnd.oci.image.manifest.v1+json", 300, digest(repo + "/manifest"),
                    "application/vnd.example.signature", null, List.of(config), List.of()), List.of());
        }
        store.putManifest("team/app", new NewManifest(digest("team/app/index"), "application/vnd.oci.image.index.v1+json",
                700, null, null, null, List.of(), List.of(digest("team/app/manifest"))), "multi");
        store.createUpload(new UploadSession("upload-1", "team/app", Instant.ofEpochMilli(1_700_000_000_000L)));
        store.saveBoltItem(item(BoltKind.PROFILE, "fast-fps", AWKWARD, List.of("fps", "competitive"), 4.75));
        store.saveBoltItem(item(BoltKind.PROFILE, "quiet", null, List.of(), 0.1));
        store.saveBoltItem(item(BoltKind.PLUGIN, "overlay", "shows the frame rate", List.of("ui"), 3.0));
        for (int i = 0; i < 3; i++) {
            store.recordBoltDownload(BoltKind.PROFILE, "fast-fps");
        }
        store.recordBoltDownload(BoltKind.PLUGIN, "overlay");
    }

    static BoltItem item(BoltKind kind, String name, String description, List<String> tags, double rating) {
        return new BoltItem(kind, name, "1.2.3", description, "drift-tests", tags, rating,
                "{\"name\":\"" + name + "\"}", digest(name + "/content"), 2048, "application/json", 0,
                Instant.EPOCH, Instant.EPOCH);
    }

    static String digest(String seed) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
