package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.testkit.OciLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.drift.ops.testkit.RealTools;
import dev.drift.ops.testkit.Commands;

/** skopeo pushes a multi-layer OCI image to Drift and copies it back unchanged. */
class SkopeoCopyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @BeforeEach
    void requireSkopeo() {
        RealTools.requireSkopeo();
    }

    @Test
    void imageSurvivesRoundTripThroughDrift() throws Exception {
        OciLayout.Image pushed = OciLayout.writeImage(work.resolve("source"), "v1", "skopeo-round-trip");

        try (DriftProcess drift = DriftProcess.startSqlite("SkopeoCopyIT", Files.createDirectories(work.resolve("drift")))) {
            String remote = "docker://" + drift.hostPort() + "/clients/skopeo:v1";
            Commands.run("skopeo", "copy", "--dest-tls-verify=false", "oci:" + work.resolve("source") + ":v1", remote);

            String rawManifest = Commands.run("skopeo", "inspect", "--raw", "--tls-verify=false", remote);
            // skopeo pushes the layout's manifest as is, so Drift must hand back the same bytes.
            assertThat(rawManifest).isEqualTo(new String(pushed.manifest(), StandardCharsets.UTF_8));

            JsonNode inspected = JSON.readTree(Commands.run("skopeo", "inspect", "--tls-verify=false", remote));
            assertThat(inspected.path("Digest").asText()).isEqualTo(pushed.manifestDigest());
            assertThat(textValues(inspected.path("Layers"))).containsExactlyElementsOf(pushed.layerDigests());

            Path copiedLayout = work.resolve("copied-oci");
            Commands.run("skopeo", "copy", "--src-tls-verify=false", remote, "oci:" + copiedLayout + ":v1");
            OciLayout.Image copied = OciLayout.readImage(copiedLayout, "v1");
            assertThat(copied.manifestDigest()).isEqualTo(pushed.manifestDigest());
            assertThat(copied.configDigest()).isEqualTo(pushed.configDigest());
            assertThat(copied.layerDigests()).containsExactlyElementsOf(pushed.layerDigests());

            Path copiedDir = work.resolve("copied-dir");
            Commands.run("skopeo", "copy", "--src-tls-verify=false", remote, "dir:" + copiedDir);
            assertThat(Files.readAllBytes(copiedDir.resolve("manifest.json"))).isEqualTo(pushed.manifest());
            for (String blob : pushed.blobDigests()) {
                byte[] content = Files.readAllBytes(copiedDir.resolve(blob.substring("sha256:".length())));
                assertThat(OciLayout.sha256(content)).as("blob %s in dir: copy", blob).isEqualTo(blob);
            }
        }
    }

    private static List<String> textValues(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
