package dev.drift.ops.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link BlobStore} on a local filesystem, laid out like distribution's filesystem driver:
 *
 * <pre>
 * root/blobs/&lt;algorithm&gt;/&lt;first two hex&gt;/&lt;hex&gt;   committed blobs
 * root/uploads/&lt;uploadId&gt;/data                   bytes of an upload
 * root/uploads/&lt;uploadId&gt;/state                  which store instance hashed how many bytes
 * root/uploads/put-*.tmp                           in-flight monolithic puts
 * </pre>
 *
 * Temp files live under {@code uploads/} so that the final rename into {@code blobs/} stays on one
 * filesystem and is atomic.
 *
 * <p>Chunked uploads keep a running sha256 per upload in memory so that {@link #commit} need not re-read
 * the data. That state is only trusted when the {@code state} file says this very instance hashed exactly
 * the bytes now on disk; after a restart, or when another process appended, {@code commit} re-hashes the
 * file once instead.
 */
public final class FsBlobStore implements BlobStore {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final String UPLOAD_ALGORITHM = "sha256";
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    /** For {@link #append}: at the end, wherever that is. */
    private static final OptionalLong ANY_OFFSET = OptionalLong.empty();

    private final Path root;
    private final Path blobs;
    private final Path uploads;
    /** Tells this instance's state files from those of an earlier run or another process. */
    private final String instanceId = UUID.randomUUID().toString();
    private final ConcurrentMap<String, OpenUpload> openUploads = new ConcurrentHashMap<>();

    /** Creates {@code blobs/} and {@code uploads/} under {@code root}; fails when root is not a writable directory. */
    public FsBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.blobs = this.root.resolve("blobs");
        this.uploads = this.root.resolve("uploads");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new IOException("blob store root " + this.root + " is not a writable directory: " + e, e);
        }
        checkWritable();
    }

    @Override
    public OptionalLong size(Digest digest) throws IOException {
        try {
            return OptionalLong.of(Files.size(blobPath(digest)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public InputStream open(Digest digest, long offset) throws IOException {
        FileChannel channel = FileChannel.open(blobPath(digest), StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " outside blob " + digest + " of " + size + " bytes");
            }
            channel.position(offset);
            return Channels.newInputStream(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Digest put(InputStream content, Digest expected, long maxBytes) throws IOException {
        String algorithm = expected == null ? UPLOAD_ALGORITHM : expected.algorithm();
        MessageDigest hasher = Digest.newMessageDigest(algorithm);
        Path temp = Files.createTempFile(uploads, "put-", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                copyHashing(content, out, hasher, maxBytes);
                out.force(true);
            }
            Digest actual = Digest.finish(algorithm, hasher);
            if (expected != null && !expected.equals(actual)) {
                throw new DigestMismatchException(expected, actual);
            }
            publish(temp, actual);
            return actual;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A directory has no URL of its own: its blobs stream through the server. */
    @Override
    public Optional<URI> downloadUrl(Digest digest) {
        return Optional.empty();
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return Files.deleteIfExists(blobPath(digest));
    }

    /**
     * Walks {@code blobs/<algorithm>/<xx>/<hex>}; names that are no digest (a stray probe file) are not blobs, and a
     * file deleted while the walk passes it (a concurrent blob delete) is simply not there.
     */
    @Override
    public List<Digest> blobsStoredBefore(Instant cutoff) throws IOException {
        List<Digest> found = new ArrayList<>();
        Files.walkFileTree(blobs, Set.of(), 3, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                Path relative = blobs.relativize(file);
                if (attributes.isRegularFile() && relative.getNameCount() == 3
                        && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    Digest.tryParse(relative.getName(0) + ":" + relative.getName(2)).ifPresent(found::add);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return found;
    }

    // --- uploads ------------------------------------------------------------------------------

    @Override
    public void startUpload(String uploadId) throws IOException {
        Path dir = uploadDir(uploadId);
        OpenUpload upload = lock(uploadId);
        try {
            Files.createDirectory(dir);
            Files.createFile(dir.resolve("data"));
            upload.remember(Digest.newMessageDigest(UPLOAD_ALGORITHM), 0);
            writeState(dir, 0);
        } finally {
            upload.lock.unlock();
        }
    }

    @Override
    public OptionalLong uploadedSize(String uploadId) throws IOException {
        try {
            return OptionalLong.of(Files.size(uploadDir(uploadId).resolve("data")));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public long append(String uploadId, InputStream content, long maxBytes) throws IOException {
        return append(uploadId, ANY_OFFSET, content, maxBytes);
    }

    @Override
    public long appendAt(String uploadId, long offset, InputStream content, long maxBytes) throws IOException {
        return append(uploadId, OptionalLong.of(offset), content, maxBytes);
    }

    /** The size is read under the upload's lock, so the offset check and the write cannot be split by another append. */
    private long append(String uploadId, OptionalLong expectedOffset, InputStream content, long maxBytes) throws IOException {
        Path dir = uploadDir(uploadId);
        OpenUpload upload = lock(uploadId);
        try (FileChannel out = openUploadData(uploadId, dir, StandardOpenOption.WRITE)) {
            long oldSize = out.size();
            if (expectedOffset.isPresent() && expectedOffset.getAsLong() != oldSize) {
                throw new UploadOffsetMismatchException(uploadId, expectedOffset.getAsLong(), oldSize);
            }
            // Hash on a copy so that a failed append leaves the remembered state as it was.
            MessageDigest running = trustedHash(upload, dir, oldSize);
            MessageDigest hasher = running == null ? null : clone(running);
            out.position(oldSize);
            long newSize;
            try {
                newSize = oldSize + copyHashing(content, out, hasher, Math.max(0, maxBytes - oldSize));
            } catch (Throwable e) {
                truncateQuietly(out, oldSize, e);
                throw e;
            }
            upload.remember(hasher, newSize);
            writeState(dir, newSize);
            return newSize;
        } finally {
            upload.lock.unlock();
        }
    }

    @Override
    public void commit(String uploadId, Digest expected) throws IOException {
        Path dir = uploadDir(uploadId);
        OpenUpload upload = lock(uploadId);
        try {
            Path data = dir.resolve("data");
            Digest actual;
            try (FileChannel channel = openUploadData(uploadId, dir, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MessageDigest running = UPLOAD_ALGORITHM.equals(expected.algorithm())
                        ? trustedHash(upload, dir, channel.size())
                        : null;
                actual = running != null
                        ? Digest.finish(expected.algorithm(), clone(running))
                        : hashFrom(channel, expected.algorithm());
                if (expected.equals(actual)) {
                    channel.force(true);
                }
            }
            if (!expected.equals(actual)) {
                discard(uploadId, dir);
                throw new DigestMismatchException(expected, actual);
            }
            publish(data, actual);
            discard(uploadId, dir);
        } finally {
            upload.lock.unlock();
        }
    }

    @Override
    public boolean cancel(String uploadId) throws IOException {
        Path dir = uploadDir(uploadId);
        OpenUpload upload = lock(uploadId);
        try {
            return discard(uploadId, dir);
        } finally {
            upload.lock.unlock();
        }
    }

    /** An upload's last write is its data file's modification time (appends change it; the state file is rewritten). */
    @Override
    public List<String> uploadsIdleSince(Instant cutoff) throws IOException {
        List<String> idle = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(uploads, Files::isDirectory)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (UploadIds.isValid(id) && lastWritten(dir).filter(written -> written.isBefore(cutoff)).isPresent()) {
                    idle.add(id);
                }
            }
        }
        return idle;
    }

    /**
     * The data file's modification time, or the directory's while it has none (a crash before it was created); empty
     * once the upload is gone (finished or cancelled since it was listed).
     */
    private static Optional<Instant> lastWritten(Path uploadDir) throws IOException {
        Optional<Instant> data = lastModified(uploadDir.resolve("data"));
        return data.isPresent() ? data : lastModified(uploadDir);
    }

    /** A file's modification time, or empty if it is gone: listings race with the writes they list. */
    private static Optional<Instant> lastModified(Path file) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public int sweepUnfinishedWrites(Instant startedBefore) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(uploads, "put-*.tmp")) {
            for (Path temp : temps) {
                Optional<Instant> written = lastModified(temp);
                if (written.isPresent() && written.get().isBefore(startedBefore) && Files.deleteIfExists(temp)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    @Override
    public void checkWritable() throws IOException {
        for (Path dir : new Path[] {blobs, uploads}) {
            Path probe = dir.resolve(".probe-" + UUID.randomUUID());
            try {
                try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(new byte[] {1}));
                    channel.force(true);
                }
                Files.delete(probe);
            } catch (IOException e) {
                throw new IOException("blob store directory " + dir + " is not writable: " + e, e);
            }
        }
    }

    // --- internals ----------------------------------------------------------------------------

    /** In-memory state of an upload this instance is writing: its lock and, when known, the running hash. */
    private static final class OpenUpload {
        final ReentrantLock lock = new ReentrantLock();
        MessageDigest hasher;
        long hashedBytes;

        void remember(MessageDigest hasher, long hashedBytes) {
            this.hasher = hasher;
            this.hashedBytes = hashedBytes;
        }
    }

    /**
     * Locks the upload's in-memory entry. Entries are removed while locked (commit, cancel), so a thread
     * that waited on a removed entry retries with the current one instead of running beside it.
     */
    private OpenUpload lock(String uploadId) {
        while (true) {
            OpenUpload upload = openUploads.computeIfAbsent(uploadId, id -> new OpenUpload());
            upload.lock.lock();
            if (openUploads.get(uploadId) == upload) {
                return upload;
            }
            upload.lock.unlock();
        }
    }

    /**
     * The running hash of the upload's first {@code size} bytes, or null when this instance cannot vouch
     * for it: nothing in memory (restart), or the state file names another writer or another length.
     */
    private MessageDigest trustedHash(OpenUpload upload, Path dir, long size) throws IOException {
        if (size == 0) {
            return Digest.newMessageDigest(UPLOAD_ALGORITHM);
        }
        boolean current = upload.hasher != null
                && upload.hashedBytes == size
                && stateLine(size).equals(readState(dir));
        return current ? upload.hasher : null;
    }

    private void writeState(Path dir, long size) throws IOException {
        Files.writeString(dir.resolve("state"), stateLine(size), StandardCharsets.US_ASCII);
    }

    private static String readState(Path dir) throws IOException {
        try {
            return Files.readString(dir.resolve("state"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private String stateLine(long size) {
        return instanceId + " " + size + "\n";
    }

    /** Opens the upload's data; for an unknown upload also drops the entry {@link #lock} just made for it. */
    private FileChannel openUploadData(String uploadId, Path dir, StandardOpenOption... options) throws IOException {
        try {
            return FileChannel.open(dir.resolve("data"), options);
        } catch (NoSuchFileException e) {
            openUploads.remove(uploadId);
            throw new NoSuchFileException(uploadId, null, "no such upload");
        }
    }

    /** Cuts a failed append back off; a failure to do so is reported alongside the original one. */
    private static void truncateQuietly(FileChannel channel, long size, Throwable cause) {
        try {
            channel.truncate(size);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean discard(String uploadId, Path dir) throws IOException {
        openUploads.remove(uploadId);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        return Files.deleteIfExists(dir);
    }

    /**
     * Makes verified, fsynced content visible under its digest by an atomic rename. Content that is
     * already stored stays as it is; identical concurrent renames are harmless since either wins.
     */
    private void publish(Path verified, Digest digest) throws IOException {
        Path target = blobPath(digest);
        if (Files.exists(target)) {
            touch(target);
            return;
        }
        createDirectoryDurably(target.getParent().getParent());
        createDirectoryDurably(target.getParent());
        Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /** Marks stored content as stored again now (see {@link #blobsStoredBefore}); gone meanwhile, there is nothing to mark. */
    private static void touch(Path blob) throws IOException {
        try {
            Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
        } catch (NoSuchFileException e) {
            // Deleted as unused since the exists check: the caller's link, under the content lock, finds it gone.
        }
    }

    private static void createDirectoryDurably(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            syncDirectory(dir.getParent());
        }
    }

    /** Makes a rename or a new entry in {@code dir} durable. Windows cannot open a directory, so there it is skipped. */
    private static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            if (WINDOWS) {
                return;
            }
            throw e;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Copies {@code in} to the end of {@code out} through a fixed buffer, updating {@code hasher} (when
     * non-null) on the way. Reads at most one byte beyond {@code maxBytes} to notice oversized content.
     */
    private static long copyHashing(InputStream in, FileChannel out, MessageDigest hasher, long maxBytes) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, readLength(buffer.length, maxBytes - total))) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            if (hasher != null) {
                hasher.update(buffer, 0, n);
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        }
        return total;
    }

    /** Up to a full buffer, but no more than one byte past the limit (written so that it cannot overflow). */
    private static int readLength(int bufferLength, long remaining) {
        return remaining < bufferLength ? (int) remaining + 1 : bufferLength;
    }

    private static Digest hashFrom(FileChannel channel, String algorithm) throws IOException {
        MessageDigest hasher = Digest.newMessageDigest(algorithm);
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        long position = 0;
        int n;
        while ((n = channel.read(buffer, position)) != -1) {
            position += n;
            hasher.update(buffer.flip());
            buffer.clear();
        }
        return Digest.finish(algorithm, hasher);
    }

    private static MessageDigest clone(MessageDigest hasher) {
        try {
            return (MessageDigest) hasher.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + hasher.getAlgorithm() + " cannot be cloned", e);
        }
    }

    private Path blobPath(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    /** The upload's directory; ids must be lower-case UUIDs so that none can point outside {@code uploads/}. */
    private Path uploadDir(String uploadId) {
        return uploads.resolve(UploadIds.requireValid(uploadId));
    }
}
