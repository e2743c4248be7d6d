package dev.drift.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real SeaweedFS ({@code weed server -s3}) on 127.0.0.1, for the tests of the S3 blob store: every port free
 * and chosen here, one identity with a fresh access and secret key (passed in a config file, never on the command
 * line), one bucket made before {@link #start} returns. Not a test double: the same binary a deployment would run,
 * built by {@code scripts/go-tools.sh}.
 *
 * <p>The binary is {@code $DRIFT_WEED}, else what {@code scripts/go-tools.sh path seaweedfs} prints (a cached
 * build returns at once). Missing, it skips the test on a developer's machine and fails it in CI ({@link RealTools}).
 */
public final class SeaweedFs implements AutoCloseable {

    public static final String REGION = "us-east-1";
    /** Long enough for master, volume, filer and S3 gateway to come up on a busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Finding or building the binary; a cold build takes about 11 minutes. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final Path log;
    private final int s3Port;
    /** The HTTPS port when started with {@link #startWithTls}, else 0; the plain port stays open either way. */
    private final int httpsPort;
    private final Path caFile;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;
    private final S3Client client;

    private SeaweedFs(Process process, Path log, int s3Port, int httpsPort, Path caFile, String bucket, String accessKey,
                      String secretKey) {
        this.process = process;
        this.log = log;
        this.s3Port = s3Port;
        this.httpsPort = httpsPort;
        this.caFile = caFile;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Starts a server keeping its data and log under {@code dir}, with an empty bucket {@code bucket}. */
    public static SeaweedFs start(Path dir, String bucket) {
        return start(dir, bucket, false);
    }

    /**
     * As {@link #start}, also serving S3 over HTTPS ({@link #httpsEndpoint}) with a certificate for 127.0.0.1 signed
     * by a CA made for this server alone ({@link #caFile}), which nothing else trusts. Needs openssl.
     */
    public static SeaweedFs startWithTls(Path dir, String bucket) {
        RealTools.requireCommand("openssl", "version");
        return start(dir, bucket, true);
    }

    private static SeaweedFs start(Path dir, String bucket, boolean tls) {
        Path weed = binary();
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            String accessKey = "drift" + randomHex(8);
            String secretKey = randomHex(20);
            Path config = Files.writeString(dir.resolve("s3.json"), """
                    {"identities": [{"name": "drift", "credentials": [{"accessKey": "%s", "secretKey": "%s"}],
                      "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
                    """.formatted(accessKey, secretKey));
            int[] ports = freePorts(9);
            Path log = dir.resolve("weed.log");
            List<String> command = new ArrayList<>(List.of(weed.toString(), "server",
                    "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-dir=" + data,
                    "-master.port=" + ports[0], "-master.port.grpc=" + ports[1],
                    "-volume.port=" + ports[2], "-volume.port.grpc=" + ports[3],
                    "-filer", "-filer.port=" + ports[4], "-filer.port.grpc=" + ports[5],
                    "-filer.localSocket=" + dir.resolve("filer.sock"),
                    "-s3", "-s3.port=" + ports[6], "-s3.port.grpc=" + ports[7], "-s3.config=" + config,
                    // Off: listeners on fixed ports the tests do not use, which would collide between two servers.
                    "-s3.port.iceberg=0", "-s3.port.lance=0",
                    // Volumes of 1 GiB, as many as the disk holds (0), instead of eight of 30 GB: space enough for
                    // the large-blob tests without reserving much; and no 10 s heartbeat grace at stop.
                    "-master.volumeSizeLimitMB=1024", "-volume.max=0", "-volume.preStopSeconds=0"));
            Path caFile = null;
            if (tls) {
                caFile = TestCertificates.write(dir.resolve("tls"));
                Path tlsDir = dir.resolve("tls");
                command.addAll(List.of("-s3.port.https=" + ports[8], "-s3.cert.file=" + tlsDir.resolve("server.pem"),
                        "-s3.key.file=" + tlsDir.resolve("server.key")));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            SeaweedFs server = new SeaweedFs(process, log, ports[6], tls ? ports[8] : 0, caFile, bucket, accessKey,
                    secretKey);
            try {
                server.awaitBucket();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /** The HTTPS S3 endpoint of a server started with {@link #startWithTls}. */
    public String httpsEndpoint() {
        if (httpsPort == 0) {
            throw new IllegalStateException("started without TLS");
        }
        return "https://127.0.0.1:" + httpsPort;
    }

    /** The PEM file of the CA that signed the HTTPS certificate of {@link #startWithTls}. */
    public Path caFile() {
        if (caFile == null) {
            throw new IllegalStateException("started without TLS");
        }
        return caFile;
    }

    public String bucket() {
        return bucket;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /**
     * The {@code [storage]} and {@code [storage.s3]} sections of a drift.toml that keeps blobs in this server's bucket
     * under {@code prefix}; the keys are in it, so a file holding it is for its owner only.
     */
    public String storageToml(String prefix) {
        return """
                [storage]
                backend = "s3"
                [storage.s3]
                endpoint = "%s"
                region = "%s"
                bucket = "%s"
                path_style = true
                prefix = "%s"
                access_key = "%s"
                secret_key = "%s"
                """.formatted(endpoint(), REGION, bucket, prefix, accessKey, secretKey);
    }

    /** A client with the server's identity, for looking at what a test left in the bucket. */
    public S3Client client() {
        return client;
    }

    /** Every key in the bucket under {@code prefix}, in key order. */
    public List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server with SIGTERM and waits for it, killing it if it takes too long. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.close();
        stop();
    }

    /** Creating the bucket is the readiness probe: it needs the S3 gateway, the filer and the master all up. */
    private void awaitBucket() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SdkException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("weed exited with " + process.exitValue() + "; log:\n" + tail());
            }
            if (answers()) {
                try {
                    client.createBucket(b -> b.bucket(bucket));
                    return;
                } catch (SdkException e) {
                    last = e;
                }
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("weed's S3 gateway made no bucket within " + START_TIMEOUT
                + (last == null ? "" : " (last error: " + last.getMessage() + ")") + "; log:\n" + tail());
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", s3Port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The weed binary the servers here run, for tests that run it elsewhere (in an image): {@code $DRIFT_WEED}, else
     * {@code scripts/go-tools.sh path seaweedfs}; missing, skips or fails as {@link RealTools} does.
     */
    public static Path binary() {
        String configured = System.getenv("DRIFT_WEED");
        if (configured != null && !configured.isBlank()) {
            Path weed = Path.of(configured);
            RealTools.requireExecutable(weed, "DRIFT_WEED names it; scripts/go-tools.sh path seaweedfs builds one");
            return weed;
        }
        Path script = RepositoryRoot.find().resolve("scripts/go-tools.sh");
        RealTools.requireExecutable(script, "part of this repository");
        Commands.Result result = Commands.tryRun(BUILD_TIMEOUT, script.toString(), "path", "seaweedfs");
        if (!result.succeeded()) {
            RealTools.unavailable("no weed binary: scripts/go-tools.sh path seaweedfs failed: "
                    + result.stderr().strip().lines().reduce((first, second) -> second).orElse(""));
        }
        return Path.of(result.stdout().strip());
    }

    /** Ports free right now, all held open together so no two are the same. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for weed", e);
        }
    }
}
