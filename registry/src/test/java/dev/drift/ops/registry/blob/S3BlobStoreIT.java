package dev.drift.ops.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.config.S3Config;
import dev.drift.ops.config.Secret;
import dev.drift.ops.registry.GeneratedStream;
import dev.drift.ops.testkit.SeaweedFs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The {@link BlobStoreContract} on a real SeaweedFS S3 server, and what only object storage has: multipart writes of
 * blobs larger than a part, two replicas racing for one offset, the key prefix, presigned download URLs, an
 * unreachable server. Each test
 * gets a store under a fresh key prefix of one shared bucket, so it starts empty without a server start per test.
 */
class S3BlobStoreIT extends BlobStoreContract {

    /** More than two parts, so multipart upload with a short last part is exercised. */
    private static final int LARGE = 2 * S3BlobStore.PART_SIZE + 1_234_567;

    @TempDir
    static Path serverDir;

    private static SeaweedFs seaweed;

    private String prefix;
    private final List<S3BlobStore> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        seaweed = SeaweedFs.start(serverDir, "drift-blobs");
    }

    @AfterAll
    static void stopServer() {
        if (seaweed != null) {
            seaweed.close();
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3BlobStore::close);
    }

    @Override
    protected BlobStore newStore() throws IOException {
        prefix = "test-" + UUID.randomUUID() + "/";
        return open(seaweed, prefix);
    }

    @Override
    protected BlobStore anotherInstance() throws IOException {
        return open(seaweed, prefix);
    }

    /** Objects under the prefix, and unfinished multipart uploads too: those are leftovers as well. */
    @Override
    protected List<String> stored() {
        List<String> keys = seaweed.keys(prefix).stream().map(key -> key.substring(prefix.length())).toList();
        List<String> multipart = seaweed.client().listMultipartUploads(b -> b.bucket(seaweed.bucket()).prefix(prefix))
                .uploads().stream().map(MultipartUpload::key).map(key -> "multipart:" + key.substring(prefix.length()))
                .toList();
        return Stream.concat(keys.stream(), multipart.stream()).sorted().toList();
    }

    @Override
    protected String blobLocation(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    /** A multipart upload with one part, neither completed nor aborted, as a put or commit killed mid-way leaves it. */
    @Override
    protected void leaveUnfinishedWrite() {
        String key = prefix + "blobs/sha256/" + "0".repeat(64);
        String uploadId = seaweed.client().createMultipartUpload(b -> b.bucket(seaweed.bucket()).key(key)).uploadId();
        seaweed.client().uploadPart(b -> b.bucket(seaweed.bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(pattern(1_000, 79)));
    }

    @Override
    protected byte[] uploadedBytes(String uploadId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : seaweed.keys(prefix + "uploads/" + uploadId + "/chunk-")) {
            try (InputStream chunk = seaweed.client().getObject(b -> b.bucket(seaweed.bucket()).key(key))) {
                chunk.transferTo(out);
            }
        }
        return out.toByteArray();
    }

    @Test
    void blobLargerThanAPartIsWrittenInPartsAndReadBackByRange() throws IOException {
        byte[] content = pattern(LARGE, 47);
        Digest digest = Digest.sha256(content);

        assertThat(store.put(new ByteArrayInputStream(content), digest, NO_LIMIT)).isEqualTo(digest);

        assertThat(store.size(digest)).hasValue(LARGE);
        assertThat(read(store.open(digest, 0))).isEqualTo(content);
        int offset = S3BlobStore.PART_SIZE + 17;
        assertThat(read(store.open(digest, offset))).isEqualTo(Arrays.copyOfRange(content, offset, LARGE));
        assertThat(stored()).containsExactly(blobLocation(digest));
    }

    /**
     * Half a gibibyte, twice the test JVM's heap cap (failsafe's -Xmx256m), through put and through a chunked upload
     * of two appends and a commit: a path that held a whole blob or chunk in memory fails here.
     */
    @Test
    void halfAGibibyteStreamsThroughPutAndChunkedUploadInASmallHeap() throws IOException {
        long half = 256L * 1024 * 1024;
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap from failsafe's argLine").isLessThan(2 * half);
        MessageDigest hasher = Digest.newMessageDigest("sha256");
        for (int i = 0; i < 2; i++) {
            new HashingInputStream(new GeneratedStream(half), hasher, Long.MAX_VALUE).transferTo(OutputStream.nullOutputStream());
        }
        Digest twice = Digest.finish("sha256", hasher);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, new GeneratedStream(half), NO_LIMIT);
        assertThat(store.append(id, new GeneratedStream(half), NO_LIMIT)).isEqualTo(2 * half);
        store.commit(id, twice);
        assertThat(store.size(twice)).hasValue(2 * half);
        assertThat(store.delete(twice)).isTrue();

        assertThat(store.put(new SequenceInputStream(new GeneratedStream(half), new GeneratedStream(half)), twice, NO_LIMIT))
                .isEqualTo(twice);

        MessageDigest readBack = Digest.newMessageDigest("sha256");
        try (InputStream in = store.open(twice, 0)) {
            assertThat(new HashingInputStream(in, readBack, Long.MAX_VALUE).transferTo(OutputStream.nullOutputStream()))
                    .isEqualTo(2 * half);
        }
        assertThat(Digest.finish("sha256", readBack)).isEqualTo(twice);
        assertThat(stored()).containsExactly(blobLocation(twice));
    }

    @Test
    void largeBlobWithAWrongDigestLeavesNoPartsBehind() {
        byte[] content = pattern(LARGE, 53);
        Digest promised = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(content), promised, NO_LIMIT))
                .isInstanceOf(DigestMismatchException.class);

        assertThat(stored()).isEmpty();
        assertThat(seaweed.keys(prefix)).isEmpty();
    }

    @Test
    void largeBlobBeyondTheLimitLeavesNoPartsBehind() {
        byte[] content = pattern(LARGE, 59);

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(content), Digest.sha256(content), LARGE - 1))
                .isInstanceOf(BlobTooLargeException.class);

        assertThat(stored()).isEmpty();
    }

    @Test
    void chunkedUploadLargerThanAPartCommitsAcrossReplicas() throws IOException {
        byte[] content = pattern(LARGE, 61);
        String id = newUploadId();
        BlobStore other = anotherInstance();
        store.startUpload(id);
        int third = LARGE / 3;

        store.appendAt(id, 0, slice(content, 0, third), NO_LIMIT);
        other.appendAt(id, third, slice(content, third, 2 * third), NO_LIMIT);
        assertThat(store.uploadedSize(id)).hasValue(2L * third);
        store.append(id, slice(content, 2 * third, LARGE), NO_LIMIT);
        other.commit(id, Digest.sha256(content));

        assertThat(read(store.open(Digest.sha256(content), 0))).isEqualTo(content);
        assertThat(stored()).containsExactly(blobLocation(Digest.sha256(content)));
    }

    @Test
    void appendsAtOneOffsetFromTwoReplicasTakeExactlyOne() throws Exception {
        String id = newUploadId();
        store.startUpload(id);

        assertExactlyOneAppendAtZeroIsTaken(id, List.of(store, anotherInstance()));
    }

    @Test
    void downloadUrlIsAPresignedGetOnlyWhenRedirectIsOn() throws Exception {
        byte[] content = pattern(200_000, 83);
        Digest digest = store.put(new ByteArrayInputStream(content), null, NO_LIMIT);
        S3Config redirecting = config(seaweed, seaweed.bucket(), prefix);
        redirecting = new S3Config(redirecting.endpoint(), redirecting.region(), redirecting.bucket(), true, prefix,
                redirecting.accessKey(), redirecting.secretKey(), "", true);
        S3BlobStore redirected = S3BlobStore.connect(redirecting);
        opened.add(redirected);

        assertThat(store.downloadUrl(digest)).isEmpty();
        URI url = redirected.downloadUrl(digest).orElseThrow();
        assertThat(url.toString()).startsWith(seaweed.endpoint() + "/" + seaweed.bucket() + "/" + prefix)
                .doesNotContain(seaweed.secretKey());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(url)
                .header("Range", "bytes=150000-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, 150_000, content.length));
        HttpResponse<byte[]> tampered = http.send(HttpRequest.newBuilder(
                URI.create(url.toString().replace(digest.hex(), Digest.sha256(new byte[0]).hex()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).as("the signature covers the key").isEqualTo(403);
    }

    @Test
    void everythingStaysUnderThePrefix() throws IOException {
        String id = newUploadId();
        store.put(new ByteArrayInputStream(pattern(1_000, 67)), null, NO_LIMIT);
        store.startUpload(id);
        store.append(id, new ByteArrayInputStream(pattern(2_000, 71)), NO_LIMIT);
        store.checkWritable();

        List<String> everyKey = seaweed.keys("");
        assertThat(everyKey).isNotEmpty().allMatch(key -> key.startsWith("test-"));
        assertThat(seaweed.keys(prefix)).hasSize(3);
    }

    @Test
    void storeIsNotWritableOnceTheServerIsStopped(@TempDir Path dir) throws IOException {
        try (SeaweedFs own = SeaweedFs.start(dir, "short-lived")) {
            S3BlobStore store = open(own, "");
            store.checkWritable();

            own.stop();

            assertThatThrownBy(store::checkWritable).isInstanceOf(IOException.class)
                    .hasMessageContaining("short-lived")
                    .hasMessageContaining(own.endpoint())
                    .hasMessageNotContaining(own.secretKey());
            assertThatThrownBy(() -> store.size(Digest.sha256(new byte[0]))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anHttpsEndpointIsTrustedThroughCaFileAndOnlyThen(@TempDir Path dir) throws IOException {
        try (SeaweedFs tls = SeaweedFs.startWithTls(dir, "over-tls")) {
            S3Config plain = config(tls, tls.bucket(), "");
            S3Config trusting = new S3Config(tls.httpsEndpoint(), plain.region(), plain.bucket(), true, "",
                    plain.accessKey(), plain.secretKey(), tls.caFile().toString(), false);
            S3Config jdkTrustOnly = new S3Config(tls.httpsEndpoint(), plain.region(), plain.bucket(), true, "",
                    plain.accessKey(), plain.secretKey(), "", false);

            try (S3BlobStore store = S3BlobStore.connect(trusting)) {
                byte[] content = pattern(50_000, 89);
                Digest digest = store.put(new ByteArrayInputStream(content), null, NO_LIMIT);
                assertThat(read(store.open(digest, 0))).isEqualTo(content);
            }
            assertThatThrownBy(() -> S3BlobStore.connect(jdkTrustOnly)).isInstanceOf(IOException.class)
                    .hasMessageContaining(tls.httpsEndpoint())
                    .hasMessageNotContaining(tls.secretKey())
                    .rootCause().as("the JDK's CAs do not know the test CA")
                    .isInstanceOf(java.security.cert.CertPathBuilderException.class);
        }
    }

    @Test
    void connectRefusesABucketThatDoesNotExist() {
        S3Config missing = config(seaweed, "no-such-bucket", "");

        assertThatThrownBy(() -> S3BlobStore.connect(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-bucket")
                .hasMessageNotContaining(seaweed.secretKey());
    }

    private S3BlobStore open(SeaweedFs server, String keyPrefix) throws IOException {
        S3BlobStore opened = S3BlobStore.connect(config(server, server.bucket(), keyPrefix));
        this.opened.add(opened);
        return opened;
    }

    private static S3Config config(SeaweedFs server, String bucket, String keyPrefix) {
        return new S3Config(server.endpoint(), SeaweedFs.REGION, bucket, true, keyPrefix,
                Secret.of(server.accessKey()), Secret.of(server.secretKey()), "", false);
    }
}
