package dev.drift.ops.registry.blob;

import dev.drift.ops.config.S3Config;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * A {@link BlobStore} in an S3 bucket, so that several replicas share one set of blobs:
 *
 * <pre>
 * prefix/blobs/&lt;algorithm&gt;/&lt;hex&gt;                   committed blobs
 * prefix/uploads/&lt;uploadId&gt;/started                  an upload exists (empty object)
 * prefix/uploads/&lt;uploadId&gt;/chunk-&lt;offset, 19 digits&gt;  one object per append, written once
 * prefix/probes/&lt;uuid&gt;                              checkWritable's probe, deleted right away
 * </pre>
 *
 * <p>Why this shape:
 * <ul>
 * <li>An upload's bytes are its chunk objects, so any replica can read its size (one listing) and go on
 *     appending; no state lives in one process.</li>
 * <li>Each chunk is written with {@code If-None-Match: *} under the key of the offset it starts at. Of two
 *     appends that both saw the upload at offset N only one can create {@code chunk-N}: that conditional write
 *     is the one-step offset check {@link #appendAt} promises, across replicas, without a lock service. An
 *     append's body is spooled to a local temporary file first (on disk, never in the heap), because S3 needs a
 *     body's length up front and a losing {@link #append} must be able to send it again at the new end.</li>
 * <li>{@link #commit} re-hashes by streaming the chunks once, while writing them into the blob's object as a
 *     multipart upload: the same single pass verifies and assembles, nothing extra is stored per chunk, and
 *     sha512 uploads need no special case. (Keeping a running SHA-256 state per chunk would save the read only if
 *     the blob could then be assembled server-side, which S3 allows only from parts of 5 MiB or more.)</li>
 * <li>A blob's object appears only when complete and verified: a single PUT is sent after the check, a
 *     multipart upload is completed after it and aborted on any failure.</li>
 * </ul>
 *
 * <p>A replica killed mid-write leaves at most an unfinished multipart upload (invisible to readers; the garbage
 * collector aborts it through {@link #sweepUnfinishedWrites}) or an upload's chunks, which its abandoned-upload
 * sweep cancels.
 */
public final class S3BlobStore implements BlobStore, Closeable {

    /** Part size of multipart writes, also what one write buffers in the heap; S3's least is 5 MiB. */
    static final int PART_SIZE = 8 * 1024 * 1024;
    /** An append that keeps losing the race for the end is given up rather than retried forever. */
    private static final int MAX_APPEND_ATTEMPTS = 50;
    /**
     * Each of checkWritable's two requests gives up after this, retries included: /readyz must answer in seconds even
     * when the server accepts connections and then says nothing, which the socket timeout (minutes, for large parts)
     * would not catch. Not less: SeaweedFS took more than 3 s for a 1-byte put on this busy 2-core machine.
     */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** A redirected pull must start within this; S3 checks the signature once, when the GET arrives. */
    static final Duration REDIRECT_VALIDITY = Duration.ofMinutes(15);
    private static final String MARKER = "started";
    private static final String CHUNK = "chunk-";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String endpoint;
    private final MultipartWriter writer;
    /** Present with {@code [storage.s3] redirect = true}: pulls are sent to presigned GET URLs. */
    private final S3Presigner presigner;

    /**
     * @param prefix a key prefix ({@code ""} for none); a missing trailing slash is added
     * @param endpoint only for error messages
     */
    public S3BlobStore(S3Client s3, String bucket, String prefix, String endpoint) {
        this(s3, null, bucket, prefix, endpoint);
    }

    /** @param presigner signs the URLs of {@link #downloadUrl}; null to stream pulls through the server */
    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, String endpoint) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        String trimmed = prefix.replaceAll("^/+", "");
        this.prefix = trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
        this.endpoint = endpoint;
        this.writer = new MultipartWriter(s3, bucket, PART_SIZE);
    }

    /** Connects to the bucket of {@code [storage.s3]} and checks it takes a write, as the filesystem store does at start. */
    public static S3BlobStore connect(S3Config config) throws IOException {
        S3BlobStore store = new S3BlobStore(S3Clients.create(config),
                config.redirect() ? S3Clients.presigner(config) : null, config.bucket(), config.prefix(), config.endpoint());
        try {
            store.requireBucket();
            store.checkWritable();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * Fails unless the bucket exists. Some servers (SeaweedFS) make a bucket on the first write to it, so a misspelt
     * name would otherwise start a registry on a new, empty bucket.
     */
    private void requireBucket() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new IOException("S3 bucket " + bucket + " does not exist at " + endpoint + " ([storage.s3] bucket)", e);
            }
            throw new IOException("S3 bucket " + bucket + " at " + endpoint + " cannot be read: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 bucket " + bucket + " at " + endpoint + " cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong size(Digest digest) throws IOException {
        return call(() -> objectSize(blobKey(digest)));
    }

    @Override
    public InputStream open(Digest digest, long offset) throws IOException {
        return call(() -> {
            String key = blobKey(digest);
            long size = objectSize(key).orElseThrow(() -> new NoSuchFileException(digest.toString(), null, "no such blob"));
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " outside blob " + digest + " of " + size + " bytes");
            }
            if (offset == size) {
                // A range starting at the end is unsatisfiable (416) to S3; the answer is simply no bytes.
                return InputStream.nullInputStream();
            }
            return s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-"));
        });
    }

    @Override
    public Digest put(InputStream content, Digest expected, long maxBytes) throws IOException {
        return call(() -> {
            String algorithm = expected == null ? "sha256" : expected.algorithm();
            MessageDigest hasher = Digest.newMessageDigest(algorithm);
            if (expected == null) {
                // The key is the digest, known only at the end; Drift does this for small documents only.
                Path spooled = spool(content, hasher, maxBytes);
                try {
                    Digest actual = Digest.finish(algorithm, hasher);
                    if (objectSize(blobKey(actual)).isEmpty()) {
                        s3.putObject(b -> b.bucket(bucket).key(blobKey(actual)), RequestBody.fromFile(spooled));
                    }
                    return actual;
                } finally {
                    Files.deleteIfExists(spooled);
                }
            }
            writeVerified(expected, new HashingInputStream(content, hasher, maxBytes), hasher);
            return expected;
        });
    }

    /** A presigned GET of the blob's object, valid for {@link #REDIRECT_VALIDITY}, when redirects are on. */
    @Override
    public Optional<URI> downloadUrl(Digest digest) throws IOException {
        if (presigner == null) {
            return Optional.empty();
        }
        return call(() -> {
            PresignedGetObjectRequest signed = presigner.presignGetObject(r -> r.signatureDuration(REDIRECT_VALIDITY)
                    .getObjectRequest(g -> g.bucket(bucket).key(blobKey(digest))));
            return Optional.of(URI.create(signed.url().toString()));
        });
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return call(() -> deleteIfExists(blobKey(digest)));
    }

    /** Objects under {@code blobs/} whose last write (S3's LastModified) is before {@code cutoff}. */
    @Override
    public List<Digest> blobsStoredBefore(Instant cutoff) throws IOException {
        return call(() -> {
            String dir = prefix + "blobs/";
            List<Digest> found = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(dir)).contents()) {
                if (object.lastModified().isBefore(cutoff)) {
                    String name = object.key().substring(dir.length()).replaceFirst("/", ":");
                    Digest.tryParse(name).ifPresent(found::add);
                }
            }
            return found;
        });
    }

    // --- uploads ------------------------------------------------------------------------------

    @Override
    public void startUpload(String uploadId) throws IOException {
        call(() -> s3.putObject(b -> b.bucket(bucket).key(uploadPrefix(uploadId) + MARKER), RequestBody.empty()));
    }

    @Override
    public OptionalLong uploadedSize(String uploadId) throws IOException {
        return call(() -> {
            UploadState state = state(uploadId);
            return state.exists() ? OptionalLong.of(state.size()) : OptionalLong.empty();
        });
    }

    @Override
    public long append(String uploadId, InputStream content, long maxBytes) throws IOException {
        return call(() -> {
            long offset = requireUpload(uploadId).size();
            Path chunk = spool(content, null, Math.max(0, maxBytes - offset));
            try {
                long length = Files.size(chunk);
                for (int attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
                    if (offset + length > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    if (length == 0 || writeChunk(uploadId, offset, chunk)) {
                        return offset + length;
                    }
                    offset = requireUpload(uploadId).size();
                }
                throw new IOException("upload " + uploadId + ": gave up appending after " + MAX_APPEND_ATTEMPTS
                        + " other appends took the end first");
            } finally {
                Files.deleteIfExists(chunk);
            }
        });
    }

    @Override
    public long appendAt(String uploadId, long offset, InputStream content, long maxBytes) throws IOException {
        return call(() -> {
            long size = requireUpload(uploadId).size();
            if (size != offset) {
                throw new UploadOffsetMismatchException(uploadId, offset, size);
            }
            Path chunk = spool(content, null, Math.max(0, maxBytes - offset));
            try {
                long length = Files.size(chunk);
                // An empty chunk is not written: it would take the key the next real append needs.
                if (length > 0 && !writeChunk(uploadId, offset, chunk)) {
                    throw new UploadOffsetMismatchException(uploadId, offset, requireUpload(uploadId).size());
                }
                return offset + length;
            } finally {
                Files.deleteIfExists(chunk);
            }
        });
    }

    @Override
    public void commit(String uploadId, Digest expected) throws IOException {
        call(() -> {
            UploadState state = requireUpload(uploadId);
            MessageDigest hasher = expected.newHasher();
            try (InputStream chunks = new SequenceInputStream(chunkStreams(state.chunks()))) {
                writeVerified(expected, new HashingInputStream(chunks, hasher, Long.MAX_VALUE), hasher);
            } catch (DigestMismatchException e) {
                discard(uploadId);
                throw e;
            }
            discard(uploadId);
            return null;
        });
    }

    @Override
    public boolean cancel(String uploadId) throws IOException {
        return call(() -> discard(uploadId));
    }

    /** Aborts the multipart uploads under the prefix that a put or commit killed mid-way never completed or aborted. */
    @Override
    public int sweepUnfinishedWrites(Instant startedBefore) throws IOException {
        return call(() -> {
            int removed = 0;
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
                if (upload.initiated().isBefore(startedBefore)) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    removed++;
                }
            }
            return removed;
        });
    }

    /** An upload's last write is that of its newest object (its marker, or its last chunk). */
    @Override
    public List<String> uploadsIdleSince(Instant cutoff) throws IOException {
        return call(() -> {
            String dir = prefix + "uploads/";
            Map<String, Instant> lastWritten = new HashMap<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(dir)).contents()) {
                String id = object.key().substring(dir.length()).split("/", 2)[0];
                if (UploadIds.isValid(id)) {
                    lastWritten.merge(id, object.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            return lastWritten.entrySet().stream().filter(upload -> upload.getValue().isBefore(cutoff))
                    .map(Map.Entry::getKey).toList();
        });
    }

    @Override
    public void checkWritable() throws IOException {
        String probe = prefix + "probes/" + UUID.randomUUID();
        try {
            s3.putObject(b -> b.bucket(bucket).key(probe).overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT)),
                    RequestBody.fromBytes(new byte[] {1}));
            s3.deleteObject(b -> b.bucket(bucket).key(probe).overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT)));
        } catch (SdkException e) {
            throw new IOException("S3 bucket " + bucket + " at " + endpoint + " is not writable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (presigner != null) {
            presigner.close();
        }
        s3.close();
    }

    // --- internals ----------------------------------------------------------------------------

    private record Chunk(String key, long offset, long size) {
    }

    /** What one listing of an upload's keys says: whether it exists, and its chunks in offset order. */
    private record UploadState(boolean exists, List<Chunk> chunks) {
        long size() {
            return chunks.isEmpty() ? 0 : chunks.getLast().offset() + chunks.getLast().size();
        }
    }

    private UploadState state(String uploadId) throws IOException {
        String dir = uploadPrefix(uploadId);
        boolean exists = false;
        List<Chunk> chunks = new ArrayList<>();
        // Keys list in byte order, and the offsets are zero-padded, so the chunks come in offset order.
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(dir)).contents()) {
            String name = object.key().substring(dir.length());
            if (name.equals(MARKER)) {
                exists = true;
            } else if (name.startsWith(CHUNK)) {
                long offset = Long.parseLong(name.substring(CHUNK.length()));
                long expected = chunks.isEmpty() ? 0 : chunks.getLast().offset() + chunks.getLast().size();
                if (offset != expected) {
                    // Cannot happen while every chunk is written at the end it saw; says so if it ever does.
                    throw new IOException("upload " + uploadId + " has a chunk at " + offset + " where " + expected
                            + " was expected");
                }
                chunks.add(new Chunk(object.key(), offset, object.size()));
            }
        }
        return new UploadState(exists, chunks);
    }

    private UploadState requireUpload(String uploadId) throws IOException {
        UploadState state = state(uploadId);
        if (!state.exists()) {
            throw new NoSuchFileException(uploadId, null, "no such upload");
        }
        return state;
    }

    /**
     * Creates the chunk at {@code offset} unless one is there already: false when another append took that
     * offset first. A chunk that lands after a concurrent {@link #cancel} removed the upload is taken back.
     */
    private boolean writeChunk(String uploadId, long offset, Path chunk) throws IOException {
        String key = uploadPrefix(uploadId) + CHUNK + String.format("%019d", offset);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromFile(chunk));
        } catch (S3Exception e) {
            // 412: the key exists; 409: a concurrent conditional write to it is in progress.
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
        if (objectSize(uploadPrefix(uploadId) + MARKER).isEmpty()) {
            deleteIfExists(key);
            throw new NoSuchFileException(uploadId, null, "no such upload (cancelled while appending)");
        }
        return true;
    }

    /**
     * Reads {@code content} to its end into the blob's object, which appears only if the digest matches. Content
     * already stored is only read and verified, so a repeated push costs no write.
     */
    private void writeVerified(Digest expected, HashingInputStream content, MessageDigest hasher) throws IOException {
        MultipartWriter.Check verify = () -> {
            Digest actual = Digest.finish(expected.algorithm(), hasher);
            if (!expected.equals(actual)) {
                throw new DigestMismatchException(expected, actual);
            }
        };
        if (objectSize(blobKey(expected)).isPresent()) {
            content.transferTo(OutputStream.nullOutputStream());
            verify.run();
        } else {
            writer.write(blobKey(expected), content, verify);
        }
    }

    /** The chunks' contents, each fetched only when the one before has been read. */
    private Enumeration<InputStream> chunkStreams(List<Chunk> chunks) {
        Iterator<Chunk> next = chunks.iterator();
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                String key = next.next().key();
                return s3.getObject(b -> b.bucket(bucket).key(key));
            }
        };
    }

    /** Removes the marker first, so an append racing this sees the upload gone and takes its chunk back. */
    private boolean discard(String uploadId) throws IOException {
        String dir = uploadPrefix(uploadId);
        boolean existed = deleteIfExists(dir + MARKER);
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(dir)).contents()) {
            s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
        return existed;
    }

    /** Streams {@code content} into a temporary file, hashing (when {@code hasher} is non-null) and limiting it. */
    private static Path spool(InputStream content, MessageDigest hasher, long maxBytes) throws IOException {
        Path file = Files.createTempFile("drift-s3-", ".part");
        try (OutputStream out = Files.newOutputStream(file)) {
            new HashingInputStream(content, hasher, maxBytes).transferTo(out);
            return file;
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private OptionalLong objectSize(String key) {
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    private boolean deleteIfExists(String key) {
        if (objectSize(key).isEmpty()) {
            return false;
        }
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        return true;
    }

    private String blobKey(Digest digest) {
        return prefix + "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    private String uploadPrefix(String uploadId) {
        return prefix + "uploads/" + UploadIds.requireValid(uploadId) + "/";
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws IOException;
    }

    /** Runs {@code call}, turning the SDK's unchecked failures into the IOException callers handle, with the bucket named. */
    private <T> T call(S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException("S3 bucket " + bucket + " at " + endpoint + ": " + e.getMessage(), e);
        }
    }
}
