package dev.drift.ops.registry.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} promises, run against each implementation ({@link FsBlobStoreTest} on a directory,
 * {@link S3BlobStoreIT} on a real SeaweedFS). A subclass says how to open a store, a second instance on the same
 * storage (a restart, another replica), and how to look at what is stored without going through the store.
 */
abstract class BlobStoreContract {

    protected static final long NO_LIMIT = Long.MAX_VALUE;

    protected BlobStore store;

    /** A fresh, empty store. */
    protected abstract BlobStore newStore() throws IOException;

    /** Another instance on the same storage as {@link #store}: the store after a restart, or another replica. */
    protected abstract BlobStore anotherInstance() throws IOException;

    /** Every stored file or object, relative to the store's root or prefix, with '/' separators. */
    protected abstract List<String> stored();

    /** Where {@link #stored()} lists the committed blob {@code digest}. */
    protected abstract String blobLocation(Digest digest);

    /** Leaves what a write killed mid-way leaves in this store (a temp file, a multipart upload), as a crash would. */
    protected abstract void leaveUnfinishedWrite() throws IOException;

    /** The bytes an upload holds so far, read behind the store's back. */
    protected abstract byte[] uploadedBytes(String uploadId) throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        store = newStore();
    }

    // --- put, open, delete --------------------------------------------------------------------

    @Test
    void putStoresContentUnderItsDigest() throws IOException {
        byte[] content = "hello blob".getBytes(UTF_8);
        Digest expected = Digest.sha256(content);

        Digest stored = store.put(new ByteArrayInputStream(content), expected, NO_LIMIT);

        assertThat(stored).isEqualTo(expected);
        assertThat(store.size(expected)).hasValue(content.length);
        assertThat(read(store.open(expected, 0))).isEqualTo(content);
        assertThat(stored()).containsExactly(blobLocation(expected));
    }

    @Test
    void putWithoutExpectedDigestStoresUnderSha256() throws IOException {
        byte[] content = "no promise".getBytes(UTF_8);

        assertThat(store.put(new ByteArrayInputStream(content), null, NO_LIMIT)).isEqualTo(Digest.sha256(content));
    }

    @Test
    void putVerifiesSha512() throws IOException {
        byte[] content = "long hash".getBytes(UTF_8);
        Digest expected = Digest.of("sha512", content);

        assertThat(store.put(new ByteArrayInputStream(content), expected, NO_LIMIT)).isEqualTo(expected);
        assertThat(store.size(expected)).hasValue(content.length);
    }

    @Test
    void putWithMismatchingDigestLeavesNothingBehind() {
        Digest promised = Digest.sha256("something else".getBytes(UTF_8));

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream("actual".getBytes(UTF_8)), promised, NO_LIMIT))
                .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(promised);
                    assertThat(e.actual()).isEqualTo(Digest.sha256("actual".getBytes(UTF_8)));
                });
        assertThat(stored()).isEmpty();
    }

    @Test
    void putThatFailsWhileReadingLeavesNothingBehind() {
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(new byte[100_000])) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (in.available() < 50_000) {
                    throw new IOException("client went away");
                }
                return super.read(b, off, Math.min(len, 10_000));
            }
        };

        assertThatThrownBy(() -> store.put(failing, null, NO_LIMIT)).hasMessage("client went away");
        assertThat(stored()).isEmpty();
    }

    @Test
    void putOfExistingContentIsVerifiedAndStoresNothingNew() throws IOException {
        byte[] content = "twice".getBytes(UTF_8);
        Digest digest = store.put(new ByteArrayInputStream(content), null, NO_LIMIT);
        List<String> before = stored();

        assertThat(store.put(new ByteArrayInputStream(content), digest, NO_LIMIT)).isEqualTo(digest);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream("other".getBytes(UTF_8)), digest, NO_LIMIT))
                .isInstanceOf(DigestMismatchException.class);
        assertThat(stored()).isEqualTo(before);
        assertThat(read(store.open(digest, 0))).isEqualTo(content);
    }

    @Test
    void putBeyondMaxBytesStoresNothing() throws IOException {
        byte[] content = new byte[200_000];
        Arrays.fill(content, (byte) 7);

        assertThatThrownBy(() -> store.put(new TrickleInputStream(content, 1_000), null, content.length - 1))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessageContaining(String.valueOf(content.length - 1));
        assertThat(stored()).isEmpty();

        assertThat(store.put(new ByteArrayInputStream(content), null, content.length)).isEqualTo(Digest.sha256(content));
    }

    @Test
    void concurrentPutsOfTheSameContentAllSucceedWithOneBlob() throws Exception {
        byte[] content = pattern(1_000_000, 3);
        Digest digest = Digest.sha256(content);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Digest>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.put(new TrickleInputStream(content, 7_000), digest, NO_LIMIT);
                }));
            }
            start.countDown();
            for (Future<Digest> result : results) {
                assertThat(result.get()).isEqualTo(digest);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored()).containsExactly(blobLocation(digest));
        assertThat(read(store.open(digest, 0))).isEqualTo(content);
    }

    @Test
    void openStartsAtTheGivenOffset() throws IOException {
        byte[] content = pattern(300_000, 5);
        Digest digest = store.put(new ByteArrayInputStream(content), null, NO_LIMIT);

        assertThat(read(store.open(digest, 123_456))).isEqualTo(Arrays.copyOfRange(content, 123_456, content.length));
        assertThat(read(store.open(digest, content.length))).isEmpty();
        assertThatThrownBy(() -> store.open(digest, content.length + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingBlobHasNoSizeAndCannotBeOpened() throws IOException {
        Digest absent = Digest.sha256("absent".getBytes(UTF_8));

        assertThat(store.size(absent)).isEmpty();
        assertThatThrownBy(() -> store.open(absent, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deleteRemovesTheBlobOnce() throws IOException {
        Digest digest = store.put(new ByteArrayInputStream("doomed".getBytes(UTF_8)), null, NO_LIMIT);

        assertThat(store.delete(digest)).isTrue();
        assertThat(store.size(digest)).isEmpty();
        assertThat(store.delete(digest)).isFalse();
    }

    // --- uploads ------------------------------------------------------------------------------

    @Test
    void chunkedUploadCommitsAsOneBlob() throws IOException {
        byte[] content = pattern(250_000, 11);
        String id = newUploadId();
        store.startUpload(id);
        assertThat(store.uploadedSize(id)).hasValue(0);

        assertThat(store.append(id, slice(content, 0, 100_000), NO_LIMIT)).isEqualTo(100_000);
        assertThat(store.append(id, slice(content, 100_000, 250_000), NO_LIMIT)).isEqualTo(250_000);
        assertThat(store.uploadedSize(id)).hasValue(250_000);
        store.commit(id, Digest.sha256(content));

        assertThat(read(store.open(Digest.sha256(content), 0))).isEqualTo(content);
        assertThat(store.uploadedSize(id)).isEmpty();
        assertThat(stored()).containsExactly(blobLocation(Digest.sha256(content)));
    }

    @Test
    void emptyUploadCommitsAsTheEmptyBlob() throws IOException {
        String id = newUploadId();
        store.startUpload(id);

        store.commit(id, Digest.sha256(new byte[0]));

        assertThat(store.size(Digest.sha256(new byte[0]))).hasValue(0);
    }

    @Test
    void commitAfterRestartRehashesFromDisk() throws IOException {
        byte[] content = pattern(180_000, 13);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, slice(content, 0, 60_000), NO_LIMIT);

        BlobStore restarted = anotherInstance();
        assertThat(restarted.uploadedSize(id)).hasValue(60_000);
        restarted.append(id, slice(content, 60_000, 120_000), NO_LIMIT);
        restarted.append(id, slice(content, 120_000, 180_000), NO_LIMIT);
        restarted.commit(id, Digest.sha256(content));

        assertThat(read(restarted.open(Digest.sha256(content), 0))).isEqualTo(content);
    }

    @Test
    void commitNoticesAnAppendByAnotherStoreInstance() throws IOException {
        byte[] content = pattern(90_000, 17);
        Digest digest = Digest.sha256(content);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, slice(content, 0, 30_000), NO_LIMIT);

        // Another process appends behind this instance's back; this instance's running hash is now stale.
        anotherInstance().append(id, slice(content, 30_000, 60_000), NO_LIMIT);
        store.append(id, slice(content, 60_000, 90_000), NO_LIMIT);

        store.commit(id, digest);
        assertThat(read(store.open(digest, 0))).isEqualTo(content);
    }

    @Test
    void commitNoticesSameLengthContentWrittenByAnotherInstance() throws IOException {
        byte[] first = pattern(40_000, 19);
        byte[] replaced = pattern(40_000, 23);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, new ByteArrayInputStream(first), NO_LIMIT);

        // The upload is cancelled and restarted elsewhere with different bytes of the same length.
        BlobStore other = anotherInstance();
        other.cancel(id);
        other.startUpload(id);
        other.append(id, new ByteArrayInputStream(replaced), NO_LIMIT);

        store.commit(id, Digest.sha256(replaced));
        assertThat(read(store.open(Digest.sha256(replaced), 0))).isEqualTo(replaced);
    }

    @Test
    void commitOfSha512UploadVerifiesWithThatAlgorithm() throws IOException {
        byte[] content = pattern(70_000, 29);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, new ByteArrayInputStream(content), NO_LIMIT);

        store.commit(id, Digest.of("sha512", content));

        assertThat(store.size(Digest.of("sha512", content))).hasValue(content.length);
    }

    @Test
    void commitWithMismatchingDigestDiscardsTheUpload() throws IOException {
        byte[] content = pattern(50_000, 31);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, new ByteArrayInputStream(content), NO_LIMIT);
        Digest wrong = Digest.sha256("not it".getBytes(UTF_8));

        assertThatThrownBy(() -> store.commit(id, wrong)).isInstanceOf(DigestMismatchException.class);

        assertThat(store.uploadedSize(id)).isEmpty();
        assertThat(stored()).isEmpty();
        assertThatThrownBy(() -> store.append(id, new ByteArrayInputStream(content), NO_LIMIT))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void commitOfContentAlreadyStoredRemovesTheUpload() throws IOException {
        byte[] content = pattern(20_000, 37);
        Digest digest = store.put(new ByteArrayInputStream(content), null, NO_LIMIT);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, new ByteArrayInputStream(content), NO_LIMIT);

        store.commit(id, digest);

        assertThat(store.uploadedSize(id)).isEmpty();
        assertThat(read(store.open(digest, 0))).isEqualTo(content);
    }

    @Test
    void appendBeyondMaxBytesKeepsThePreviousState() throws IOException {
        byte[] content = pattern(100_000, 41);
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, slice(content, 0, 60_000), 100_000);

        // arrives in small reads, so most of it is on disk by the time the limit is hit
        assertThatThrownBy(() -> store.append(id, new TrickleInputStream(new byte[40_001], 1_000), 100_000))
                .isInstanceOf(BlobTooLargeException.class);

        assertThat(store.uploadedSize(id)).hasValue(60_000);
        assertThat(store.append(id, slice(content, 60_000, 100_000), 100_000)).isEqualTo(100_000);
        store.commit(id, Digest.sha256(content));
        assertThat(read(store.open(Digest.sha256(content), 0))).isEqualTo(content);
    }

    @Test
    void concurrentAppendsToOneUploadDoNotInterleave() throws Exception {
        int threads = 6;
        int chunk = 300_000;
        String id = newUploadId();
        store.startUpload(id);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] uniform = new byte[chunk];
                Arrays.fill(uniform, (byte) ('a' + t));
                results.add(pool.submit(() -> {
                    start.await();
                    return store.append(id, new TrickleInputStream(uniform, 5_000), NO_LIMIT);
                }));
            }
            start.countDown();
            for (Future<Long> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        byte[] data = uploadedBytes(id);
        assertThat(data).hasSize(threads * chunk);
        for (int block = 0; block < threads; block++) {
            byte first = data[block * chunk];
            for (int i = block * chunk; i < (block + 1) * chunk; i++) {
                assertThat(data[i]).as("byte %d of block %d", i, block).isEqualTo(first);
            }
        }
        store.commit(id, Digest.sha256(data));
        assertThat(store.size(Digest.sha256(data))).hasValue(data.length);
    }

    @Test
    void appendAtAnotherOffsetWritesNothingAndSaysWhereTheUploadStands() throws IOException {
        String id = newUploadId();
        store.startUpload(id);
        store.appendAt(id, 0, new ByteArrayInputStream(new byte[] {1, 2, 3}), NO_LIMIT);
        for (long wrongOffset : new long[] {0, 2, 4}) {
            assertThatThrownBy(() -> store.appendAt(id, wrongOffset, new ByteArrayInputStream(new byte[] {9}), NO_LIMIT))
                    .isInstanceOfSatisfying(UploadOffsetMismatchException.class, e -> assertThat(e.currentSize()).isEqualTo(3));
        }
        assertThat(store.appendAt(id, 3, new ByteArrayInputStream(new byte[] {4}), NO_LIMIT)).isEqualTo(4);
        assertThat(uploadedBytes(id)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void concurrentAppendsAtOneOffsetTakeExactlyOne() throws Exception {
        String id = newUploadId();
        store.startUpload(id);

        assertExactlyOneAppendAtZeroIsTaken(id, List.of(store));
    }

    /**
     * Six appends of 100,000 bytes at offset 0 of one upload at once, spread over {@code stores} (instances on the
     * same storage): exactly one is taken, the others are refused with {@link UploadOffsetMismatchException}, and the
     * upload holds the winner's bytes only.
     */
    protected void assertExactlyOneAppendAtZeroIsTaken(String id, List<BlobStore> stores) throws Exception {
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                byte[] uniform = new byte[100_000];
                Arrays.fill(uniform, (byte) ('a' + t));
                BlobStore writer = stores.get(t % stores.size());
                results.add(pool.submit(() -> {
                    start.await();
                    return writer.appendAt(id, 0, new TrickleInputStream(uniform, 5_000), NO_LIMIT);
                }));
            }
            start.countDown();
            int taken = 0;
            for (Future<Long> result : results) {
                try {
                    assertThat(result.get()).isEqualTo(100_000);
                    taken++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(UploadOffsetMismatchException.class);
                }
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        byte[] data = uploadedBytes(id);
        assertThat(data).hasSize(100_000).containsOnly(data[0]);
        for (BlobStore each : stores) {
            assertThat(each.uploadedSize(id)).hasValue(100_000);
        }
    }

    @Test
    void cancelRemovesTheUploadArea() throws IOException {
        String id = newUploadId();
        store.startUpload(id);
        store.append(id, new ByteArrayInputStream(pattern(10_000, 43)), NO_LIMIT);

        assertThat(store.cancel(id)).isTrue();

        assertThat(store.uploadedSize(id)).isEmpty();
        assertThat(stored()).isEmpty();
        assertThat(store.cancel(id)).isFalse();
    }

    @Test
    void unknownUploadIsReportedAsMissing() throws IOException {
        String id = newUploadId();

        assertThat(store.uploadedSize(id)).isEmpty();
        assertThatThrownBy(() -> store.append(id, new ByteArrayInputStream(new byte[1]), NO_LIMIT))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(id);
        assertThatThrownBy(() -> store.commit(id, Digest.sha256(new byte[0]))).isInstanceOf(NoSuchFileException.class);
        assertThat(stored()).isEmpty();
    }

    @Test
    void uploadIdsThatAreNotUuidsAreRejected() throws IOException {
        for (String bad : List.of("../outside", "../../etc", "abc", "", UUID.randomUUID() + "/..",
                UUID.randomUUID().toString().toUpperCase())) {
            assertThatThrownBy(() -> store.startUpload(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid upload id");
            assertThatThrownBy(() -> store.uploadedSize(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.append(bad, new ByteArrayInputStream(new byte[1]), NO_LIMIT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.appendAt(bad, 0, new ByteArrayInputStream(new byte[1]), NO_LIMIT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.commit(bad, Digest.sha256(new byte[1]))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.cancel(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.startUpload(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stored()).isEmpty();
    }

    @Test
    void sweepRemovesWhatACutOffWriteLeftOnceItIsOldEnough() throws IOException {
        Digest kept = store.put(new ByteArrayInputStream(pattern(1_000, 73)), null, NO_LIMIT);
        String upload = newUploadId();
        store.startUpload(upload);
        leaveUnfinishedWrite();
        List<String> withLeftover = stored();

        assertThat(store.sweepUnfinishedWrites(java.time.Instant.now().minusSeconds(3600))).as("too recent").isZero();
        assertThat(stored()).isEqualTo(withLeftover);

        assertThat(store.sweepUnfinishedWrites(java.time.Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(stored()).hasSize(withLeftover.size() - 1).contains(blobLocation(kept));
        assertThat(store.uploadedSize(upload)).as("uploads have ids; the collector cancels those").hasValue(0);
    }

    // --- health -------------------------------------------------------------------------------

    @Test
    void checkWritablePassesOnAHealthyStoreAndLeavesNoProbe() throws IOException {
        store.checkWritable();

        assertThat(stored()).isEmpty();
    }

    // --- helpers ------------------------------------------------------------------------------

    protected static String newUploadId() {
        return UUID.randomUUID().toString();
    }

    protected static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * seed + (i >>> 9));
        }
        return bytes;
    }

    protected static InputStream slice(byte[] content, int from, int to) {
        return new ByteArrayInputStream(content, from, to - from);
    }

    protected static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** Hands out at most a few bytes per read and yields in between, as a slow client would. */
    protected static final class TrickleInputStream extends ByteArrayInputStream {
        private final int step;

        TrickleInputStream(byte[] content, int step) {
            super(content);
            this.step = step;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            Thread.yield();
            return super.read(b, off, Math.min(len, step));
        }
    }
}
