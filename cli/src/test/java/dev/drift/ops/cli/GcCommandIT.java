package dev.drift.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drift-ops gc} on the data directory of a real SQLite instance (the registry jar as child processes): blobs
 * pushed and never referenced are listed by a dry run, which removes nothing, and then removed by a run.
 */
class GcCommandIT {

    @TempDir
    Path temp;

    private Path dataDir;

    @AfterEach
    void stopWhateverIsLeft() {
        if (dataDir != null && Files.exists(dataDir.resolve("drift-ops.state"))) {
            CliRun.of("down", "--data-dir", dataDir.toString());
        }
    }

    @Test
    void aDryRunRemovesNothingAndARunRemovesWhatItListed() throws Exception {
        dataDir = temp.resolve("data");
        int port = LocalSqliteIT.freePort();
        String url = "http://127.0.0.1:" + port;
        CliRun up = CliRun.of("up", "--detach", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        RegistryClient client = RegistryClient.forDataDir(url, dataDir);
        byte[] first = "a layer no manifest references".getBytes(StandardCharsets.UTF_8);
        byte[] second = "another one".getBytes(StandardCharsets.UTF_8);
        String firstDigest = client.pushBlob("it/gc", first);
        String secondDigest = client.pushBlob("it/gc", second);
        assertThat(CliRun.of("down", "--data-dir", dataDir.toString()).exitCode()).isZero();

        CliRun dryRun = CliRun.of("gc", "--dry-run", "--data-dir", dataDir.toString());

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        List<String> listed = lines(dryRun.out(), "would remove blob ");
        assertThat(listed).containsExactlyInAnyOrder(firstDigest, secondDigest);
        assertThat(dryRun.out()).contains("would remove 0 manifests, 2 blobs, 0 uploads; "
                + (first.length + second.length) + " bytes would be freed");
        assertThat(blobFile(firstDigest)).as("a dry run removes nothing").isPresent();
        assertThat(blobFile(secondDigest)).isPresent();

        CliRun run = CliRun.of("gc", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(lines(run.out(), "removed blob ")).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(run.out()).contains("removed 0 manifests, 2 blobs, 0 uploads; "
                + (first.length + second.length) + " bytes freed");
        assertThat(blobFile(firstDigest)).isEmpty();
        assertThat(blobFile(secondDigest)).isEmpty();
        assertThat(CliRun.of("gc", "--data-dir", dataDir.toString()).out()).contains("removed 0 manifests, 0 blobs");
    }

    @Test
    void aMissingConfigIsAConfigError() {
        CliRun run = CliRun.of("gc", "--config", temp.resolve("absent.toml").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("absent.toml");
    }

    private static List<String> lines(String out, String prefix) {
        return out.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).toList();
    }

    /** The blob's file anywhere under the data directory (the blob store names it by its hex digest). */
    private java.util.Optional<Path> blobFile(String digest) throws Exception {
        String hex = digest.substring(digest.indexOf(':') + 1);
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(file -> file.getFileName().toString().equals(hex)).findFirst();
        }
    }
}
