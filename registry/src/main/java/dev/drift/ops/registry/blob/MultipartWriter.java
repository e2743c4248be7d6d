package dev.drift.ops.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams content of unknown length into one S3 object a part at a time: content that fits in a part is one PUT,
 * larger content a multipart upload. The object appears only after {@code beforeVisible} has accepted the content
 * read to its end (S3 shows a multipart object only once it is completed), and any failure, a rejected digest
 * included, aborts the multipart upload so no part is left behind.
 *
 * <p>Each part waits in a temporary file, not in the heap: S3 needs a part's length before its bytes, and Drift runs
 * on a heap of tens of megabytes ({@code JvmOptions}), where a part buffer per concurrent push would run it out.
 */
final class MultipartWriter {

    /** What runs once all content is read and before the object becomes visible; throwing keeps it invisible. */
    @FunctionalInterface
    interface Check {
        void run() throws IOException;
    }

    private static final int COPY_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    /** @param partSize at least 5 MiB, S3's least part size but for the last; this much is spooled per write */
    MultipartWriter(S3Client s3, String bucket, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    void write(String key, InputStream content, Check beforeVisible) throws IOException {
        Path part = Files.createTempFile("drift-s3-", ".part");
        try {
            long first = fill(part, content);
            if (first < partSize) {
                beforeVisible.run();
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength(first), RequestBody.fromFile(part));
                return;
            }
            writeParts(key, content, part, first, beforeVisible);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private void writeParts(String key, InputStream content, Path part, long first, Check beforeVisible)
            throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long length = first;
            do {
                int partNumber = parts.size() + 1;
                long partLength = length;
                String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(partLength), RequestBody.fromFile(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                length = fill(part, content);
            } while (length > 0);
            beforeVisible.run();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException | Error e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    /** Replaces {@code part}'s bytes with the next (up to) {@code partSize} bytes of {@code content}; their count. */
    private long fill(Path part, InputStream content) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long filled = 0;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.TRUNCATE_EXISTING)) {
            int n;
            while (filled < partSize
                    && (n = content.read(buffer, 0, (int) Math.min(buffer.length, partSize - filled))) != -1) {
                out.write(buffer, 0, n);
                filled += n;
            }
        }
        return filled;
    }

    private void abortQuietly(String key, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
