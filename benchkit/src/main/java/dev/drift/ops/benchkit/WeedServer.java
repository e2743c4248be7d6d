package dev.drift.ops.benchkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SeaweedFS ({@code weed server -s3}) as one process on 127.0.0.1: every port free and chosen here, one identity with
 * a fresh access and secret key (in a config file, never on the command line), one bucket made with {@code weed shell}
 * before {@link #start} returns. The bench's S3 rows and the tests' S3 server (testkit's SeaweedFs) both run it; it
 * needs no S3 client, so the bench carries none.
 */
public final class WeedServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    /** Long enough for master, volume, filer and S3 gateway to come up on a busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path weed;
    private final Process process;
    private final Path log;
    private final int masterPort;
    private final int masterGrpcPort;
    private final int s3Port;
    private final int httpsPort;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;

    private WeedServer(Path weed, Process process, Path log, int masterPort, int masterGrpcPort, int s3Port,
                       int httpsPort, String bucket, String accessKey, String secretKey) {
        this.weed = weed;
        this.process = process;
        this.log = log;
        this.masterPort = masterPort;
        this.masterGrpcPort = masterGrpcPort;
        this.s3Port = s3Port;
        this.httpsPort = httpsPort;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts {@code weed} keeping its data and log under {@code dir}, with an empty bucket {@code bucket}.
     *
     * @param tls a certificate and key ({@code server.pem}, {@code server.key} in that directory) to serve S3 over
     *            HTTPS as well, on {@link #httpsPort}
     */
    public static WeedServer start(Path weed, Path dir, String bucket, Optional<Path> tls) {
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
                    // Off: listeners on fixed ports nothing uses, which would collide between two servers.
                    "-s3.port.iceberg=0", "-s3.port.lance=0",
                    // Volumes of 1 GiB, as many as the disk holds (0), instead of eight of 30 GB: space enough for
                    // the large blobs without reserving much; and no 10 s heartbeat grace at stop.
                    "-master.volumeSizeLimitMB=1024", "-volume.max=0", "-volume.preStopSeconds=0"));
            tls.ifPresent(certificates -> command.addAll(List.of("-s3.port.https=" + ports[8],
                    "-s3.cert.file=" + certificates.resolve("server.pem"),
                    "-s3.key.file=" + certificates.resolve("server.key"))));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            WeedServer server = new WeedServer(weed, process, log, ports[0], ports[1], ports[6],
                    tls.isPresent() ? ports[8] : 0, bucket, accessKey, secretKey);
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

    /** The HTTPS port when started with a certificate, else 0. */
    public int httpsPort() {
        return httpsPort;
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

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server with SIGTERM and waits for it, killing it if it takes too long. */
    @Override
    public void close() {
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

    /**
     * The bucket listed is the readiness probe: it needs the master, the filer and the S3 gateway's identity all up.
     * {@code weed shell} waits for the master itself, bounded here by {@link #SHELL_TIMEOUT} per try.
     */
    private void awaitBucket() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("weed exited with " + process.exitValue() + "; log:\n" + tail());
            }
            boolean listed = shell("s3.bucket.list").lines().anyMatch(line -> line.strip().startsWith(bucket + "\t")
                    || line.strip().equals(bucket));
            if (!listed) {
                last = shell("s3.bucket.create -name " + bucket);
            } else if (s3Answers()) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("weed made no bucket " + bucket + " within " + START_TIMEOUT + " (weed shell said: "
                + last.strip() + "); log:\n" + tail());
    }

    private boolean s3Answers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", s3Port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One command through {@code weed shell}; its output, or what went wrong. */
    private String shell(String command) {
        try {
            // HOST:PORT.GRPC_PORT: without the second number the shell looks for gRPC at PORT + 10000.
            Process shell = new ProcessBuilder(weed.toString(), "shell",
                    "-master=127.0.0.1:" + masterPort + "." + masterGrpcPort)
                    .redirectErrorStream(true).start();
            shell.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            shell.getOutputStream().close();
            // Read on a virtual thread, so a shell that hangs is cut off by the timeout instead of a blocking read.
            StringBuilder output = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    output.append(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append(e.getMessage());
                }
            });
            if (!shell.waitFor(SHELL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                shell.destroyForcibly();
                return "weed shell took over " + SHELL_TIMEOUT;
            }
            reader.join(SHELL_TIMEOUT.toMillis());
            return output.toString();
        } catch (IOException e) {
            return "cannot run weed shell: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for weed", e);
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
