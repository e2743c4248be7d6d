package dev.drift.ops.registry.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams content of unknown length into one S3 object through a buffer of one part: content that fits in a
 * part is one PUT, larger content a multipart upload. The object appears only after {@code beforeVisible} has
 * accepted the content read to its end (S3 shows a multipart object only once it is completed), and any failure,
 * a rejected digest included, aborts the multipart upload so no part is left behind.
 */
final class MultipartWriter {

    /** What runs once all content is read and before the object becomes visible; throwing keeps it invisible. */
    @FunctionalInterface
    interface Check {
        void run() throws IOException;
    }

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    /** @param partSize at least 5 MiB, S3's least part size but for the last; this much is buffered per write */
    MultipartWriter(S3Client s3, String bucket, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    void write(String key, InputStream content, Check beforeVisible) throws IOException {
        byte[] buffer = new byte[partSize];
        int first = content.readNBytes(buffer, 0, partSize);
        if (first < partSize) {
            beforeVisible.run();
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) first), body(buffer, first));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int length = first;
            do {
                int partNumber = parts.size() + 1;
                int partLength = length;
                String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength((long) partLength), body(buffer, partLength)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                length = content.readNBytes(buffer, 0, partSize);
            } while (length > 0);
            beforeVisible.run();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException | Error e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    /** The buffer itself, not a copy, re-readable for the signer and for retries. */
    private static RequestBody body(byte[] buffer, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                "application/octet-stream");
    }

    private void abortQuietly(String key, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
