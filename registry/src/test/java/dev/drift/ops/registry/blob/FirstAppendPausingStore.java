package dev.drift.ops.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A blob store that holds the first append at its door, before the real store sees it, until the test releases
 * it: the moment between an upload's offset check and its write, made to last, so a second request can be put
 * into it on purpose instead of by luck.
 */
public final class FirstAppendPausingStore implements BlobStore {

    private final BlobStore delegate;
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    public FirstAppendPausingStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    /** Waits until the first append is held. */
    public void awaitPaused() throws InterruptedException {
        paused.await();
    }

    /** Lets the held append go on. */
    public void release() {
        release.countDown();
    }

    @Override
    public long append(String uploadId, InputStream content, long maxBytes) throws IOException {
        pauseIfFirst();
        return delegate.append(uploadId, content, maxBytes);
    }

    @Override
    public long appendAt(String uploadId, long offset, InputStream content, long maxBytes) throws IOException {
        pauseIfFirst();
        return delegate.appendAt(uploadId, offset, content, maxBytes);
    }

    private void pauseIfFirst() throws IOException {
        if (first.getAndSet(false)) {
            paused.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while paused", e);
            }
        }
    }

    @Override
    public OptionalLong size(Digest digest) throws IOException {
        return delegate.size(digest);
    }

    @Override
    public InputStream open(Digest digest, long offset) throws IOException {
        return delegate.open(digest, offset);
    }

    @Override
    public Digest put(InputStream content, Digest expected, long maxBytes) throws IOException {
        return delegate.put(content, expected, maxBytes);
    }

    @Override
    public java.util.Optional<java.net.URI> downloadUrl(Digest digest) throws IOException {
        return delegate.downloadUrl(digest);
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return delegate.delete(digest);
    }

    @Override
    public List<Digest> blobsStoredBefore(Instant cutoff) throws IOException {
        return delegate.blobsStoredBefore(cutoff);
    }

    @Override
    public List<String> uploadsIdleSince(Instant cutoff) throws IOException {
        return delegate.uploadsIdleSince(cutoff);
    }

    @Override
    public void startUpload(String uploadId) throws IOException {
        delegate.startUpload(uploadId);
    }

    @Override
    public OptionalLong uploadedSize(String uploadId) throws IOException {
        return delegate.uploadedSize(uploadId);
    }

    @Override
    public void commit(String uploadId, Digest expected) throws IOException {
        delegate.commit(uploadId, expected);
    }

    @Override
    public boolean cancel(String uploadId) throws IOException {
        return delegate.cancel(uploadId);
    }

    @Override
    public int sweepUnfinishedWrites(java.time.Instant startedBefore) throws IOException {
        return delegate.sweepUnfinishedWrites(startedBefore);
    }

    @Override
    public void checkWritable() throws IOException {
        delegate.checkWritable();
    }
}
