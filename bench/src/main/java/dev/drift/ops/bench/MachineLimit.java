package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.benchkit.Measurement;
import dev.drift.ops.benchkit.TimedLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this machine can do at most for a registry's blob traffic, measured with the bench's own client and bytes:
 * a push costs at least hashing the bytes, writing them, fsync and an atomic rename on the disk Drift writes to (what
 * Drift does with no HTTP, no metadata, no checks), and a pull at least what a static file server with sendfile
 * (nginx) needs to hand the same client the same number of bytes.
 */
final class MachineLimit implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final Path disk;
    private final NginxServer nginx;
    private final RegistryClient client;
    private final AtomicLong ids = new AtomicLong();

    /** @param disk a directory on the disk Drift's blobs live on, for the push figures' files */
    MachineLimit(Path disk, NginxServer nginx) {
        this.disk = disk;
        this.nginx = nginx;
        this.client = new RegistryClient(nginx.baseUrl());
    }

    /** Hash, write, fsync and rename {@code size}-byte blobs from {@code concurrency} threads; the files go afterwards. */
    Measurement push(long size, int concurrency, Duration duration) {
        Path dir = disk.resolve("push-" + size + "-x" + concurrency);
        try {
            Files.createDirectories(dir);
            return TimedLoop.run(concurrency, duration, HttpBench.maxBlobOperations(size, concurrency), sequence -> {
                BlobContent content = new BlobContent(size, ids.incrementAndGet());
                Path temp = dir.resolve("upload-" + sequence);
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    byte[] buffer = new byte[BUFFER];
                    for (int read; (read = content.read(buffer, 0, buffer.length)) > 0; ) {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                    }
                    out.force(true);
                }
                Files.move(temp, dir.resolve(content.digest().substring("sha256:".length())),
                        StandardCopyOption.ATOMIC_MOVE);
                return size;
            });
        } catch (IOException e) {
            throw new BenchException("cannot measure the push limit in " + dir + ": " + e.getMessage(), e);
        } finally {
            ScratchDirectory.delete(dir);
        }
    }

    /** GETs of {@code size}-byte files nginx serves, by the bench's client, from {@code concurrency} threads. */
    Measurement pull(long size, int concurrency, Duration duration) {
        NginxServer.Served served = nginx.serve(size, Math.max(4, concurrency));
        return TimedLoop.run(concurrency, duration, HttpBench.maxBlobOperations(size, concurrency), sequence ->
                client.pullBlob(served.repository(), served.digests().get((int) (sequence % served.digests().size())),
                        size));
    }

    @Override
    public void close() {
        nginx.close();
    }
}
