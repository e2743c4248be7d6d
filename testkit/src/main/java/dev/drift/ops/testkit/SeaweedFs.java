package dev.drift.ops.testkit;

import dev.drift.ops.benchkit.GoTools;
import dev.drift.ops.benchkit.WeedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real SeaweedFS for the tests of the S3 blob store: {@link WeedServer} (as the bench runs it, one bucket made
 * before {@link #start} returns) with an S3 client of the server's identity for looking into the bucket. Not a test
 * double: the same binary a deployment would run, built by {@code scripts/go-tools.sh}.
 *
 * <p>The binary is {@code $DRIFT_WEED}, else what {@code scripts/go-tools.sh path seaweedfs} prints (a cached
 * build returns at once). Missing, it skips the test on a developer's machine and fails it in CI ({@link RealTools}).
 */
public final class SeaweedFs implements AutoCloseable {

    public static final String REGION = WeedServer.REGION;
    private final WeedServer server;
    /** The CA of the HTTPS certificate when started with {@link #startWithTls}, else null. */
    private final Path caFile;
    private final S3Client client;

    private SeaweedFs(WeedServer server, Path caFile) {
        this.server = server;
        this.caFile = caFile;
        this.client = client(endpoint(), REGION, server.accessKey(), server.secretKey());
    }

    /**
     * An S3 client for looking into a SeaweedFS at {@code endpoint} (this class's, or one a test reaches through a
     * port-forward): path-style, as SeaweedFS serves buckets, and with checksums only where S3 requires them.
     */
    public static S3Client client(String endpoint, String region, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Every key in {@code bucket} under {@code prefix}, in key order. */
    public static List<String> keys(S3Client client, String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    /** Starts a server keeping its data and log under {@code dir}, with an empty bucket {@code bucket}. */
    public static SeaweedFs start(Path dir, String bucket) {
        return new SeaweedFs(WeedServer.start(binary(), dir, bucket, Optional.empty()), null);
    }

    /**
     * As {@link #start}, also serving S3 over HTTPS ({@link #httpsEndpoint}) with a certificate for 127.0.0.1 signed
     * by a CA made for this server alone ({@link #caFile}), which nothing else trusts. Needs openssl.
     */
    public static SeaweedFs startWithTls(Path dir, String bucket) {
        RealTools.requireCommand("openssl", "version");
        Path weed = binary();
        Path caFile;
        try {
            caFile = TestCertificates.write(dir.resolve("tls"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SeaweedFs(WeedServer.start(weed, dir, bucket, Optional.of(dir.resolve("tls"))), caFile);
    }

    public String endpoint() {
        return server.endpoint();
    }

    /** The HTTPS S3 endpoint of a server started with {@link #startWithTls}. */
    public String httpsEndpoint() {
        if (server.httpsPort() == 0) {
            throw new IllegalStateException("started without TLS");
        }
        return "https://127.0.0.1:" + server.httpsPort();
    }

    /** The PEM file of the CA that signed the HTTPS certificate of {@link #startWithTls}. */
    public Path caFile() {
        if (caFile == null) {
            throw new IllegalStateException("started without TLS");
        }
        return caFile;
    }

    public String bucket() {
        return server.bucket();
    }

    public String accessKey() {
        return server.accessKey();
    }

    public String secretKey() {
        return server.secretKey();
    }

    /** See {@link WeedServer#storageToml}. */
    public String storageToml(String prefix) {
        return server.storageToml(prefix);
    }

    /** A client with the server's identity, for looking at what a test left in the bucket. */
    public S3Client client() {
        return client;
    }

    /** Every key in the bucket under {@code prefix}, in key order. */
    public List<String> keys(String prefix) {
        return keys(client, bucket(), prefix);
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops the server with SIGTERM and waits for it, killing it if it takes too long. */
    public void stop() {
        server.close();
    }

    @Override
    public void close() {
        client.close();
        stop();
    }

    /**
     * The weed binary the servers here run, for tests that run it elsewhere (in an image): {@code $DRIFT_WEED}, else
     * {@code scripts/go-tools.sh path seaweedfs}; missing, skips or fails as {@link RealTools} does.
     */
    public static Path binary() {
        try {
            return GoTools.fromEnv(GoTools.WEED_ENV).orElseGet(() -> GoTools.path(
                    RepositoryRoot.find().resolve("scripts/go-tools.sh"), GoTools.SEAWEEDFS, line -> { }));
        } catch (GoTools.GoToolException e) {
            RealTools.unavailable("no weed binary: " + e.getMessage());
            throw e; // not reached: unavailable skips or fails the test
        }
    }
}
