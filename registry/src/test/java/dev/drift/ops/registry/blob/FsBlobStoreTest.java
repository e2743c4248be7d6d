package dev.drift.ops.registry.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link BlobStoreContract} on a directory, and what only a filesystem store has: its layout and permissions. */
class FsBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path root;

    @Override
    protected BlobStore newStore() throws IOException {
        return new FsBlobStore(root);
    }

    @Override
    protected BlobStore anotherInstance() throws IOException {
        return new FsBlobStore(root);
    }

    /** Regular files only: the store's own directories (blobs/, uploads/, fan-out) are no leftovers. */
    @Override
    protected List<String> stored() {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(this::relative).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected String blobLocation(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex().substring(0, 2) + "/" + digest.hex();
    }

    @Override
    protected void leaveUnfinishedWrite() throws IOException {
        Files.writeString(root.resolve("uploads/put-123.tmp"), "half a put");
    }

    @Override
    protected byte[] uploadedBytes(String uploadId) throws IOException {
        return Files.readAllBytes(root.resolve("uploads/" + uploadId + "/data"));
    }

    @Test
    void putStoresContentUnderItsDigestPath() throws IOException {
        byte[] content = "hello blob".getBytes(UTF_8);
        Digest expected = store.put(new ByteArrayInputStream(content), null, NO_LIMIT);

        String fanOut = "blobs/sha256/" + expected.hex().substring(0, 2);
        assertThat(root.resolve(fanOut + "/" + expected.hex())).hasBinaryContent(content);
        assertThat(tree()).containsExactlyInAnyOrder("blobs", "uploads", "blobs/sha256", fanOut, fanOut + "/" + expected.hex());
    }

    @Test
    void uploadIdsCannotReachOutsideTheUploadDirectory() throws IOException {
        Files.createDirectories(root.resolve("outside"));

        assertThatThrownBy(() -> store.startUpload("../outside")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree()).containsExactlyInAnyOrder("blobs", "uploads", "outside");
    }

    @Test
    void checkWritableFailsOnAReadOnlyDirectory() throws IOException {
        Path uploads = root.resolve("uploads");
        Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root (uid 0) writes through any permission bits; then this case cannot fail, see the next test
            assumeFalse(Files.isWritable(uploads), "running as root: permission bits do not stop writes");
            assertThatThrownBy(store::checkWritable).isInstanceOf(IOException.class)
                    .hasMessageContaining(uploads.toString())
                    .hasMessageContaining("not writable");
        } finally {
            Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void checkWritableFailsWhenTheRootIsReplacedByAFile() throws IOException {
        Path storeRoot = root.resolve("store");
        FsBlobStore moved = new FsBlobStore(storeRoot);
        try (Stream<Path> paths = Files.walk(storeRoot)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
        Files.writeString(storeRoot, "not a directory");

        assertThatThrownBy(moved::checkWritable).isInstanceOf(IOException.class)
                .hasMessageContaining(storeRoot.toString())
                .hasMessageContaining("not writable");
    }

    @Test
    void rootThatIsAFileIsRejected() throws IOException {
        Path file = Files.writeString(root.resolve("plain-file"), "x");

        assertThatThrownBy(() -> new FsBlobStore(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    /** Every path under the store root, directories included, relative and with '/' separators. */
    private List<String> tree() {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root)).map(this::relative).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
