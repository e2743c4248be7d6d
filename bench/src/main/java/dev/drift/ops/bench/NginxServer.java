package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * nginx (Debian's nginx-light) serving static files with sendfile on a free port of 127.0.0.1, one worker, no access
 * log: the reference a registry's pulls are measured against. Files sit at the paths a blob GET asks for
 * ({@code /v2/REPOSITORY/blobs/DIGEST}), so the bench's registry client pulls from it unchanged.
 */
final class NginxServer implements AutoCloseable {

    static final Path DEFAULT_BINARY = Path.of("/usr/sbin/nginx");

    /** Files of one size nginx serves, and where. */
    record Served(String repository, List<String> digests) {
    }

    private final ServerProcess process;
    private final Path dir;
    private final Path root;
    /** The digests of the files written so far, per size: each figure of a size reuses them and adds what it lacks. */
    private final Map<Long, List<String>> written = new HashMap<>();

    private NginxServer(ServerProcess process, Path dir, Path root) {
        this.process = process;
        this.dir = dir;
        this.root = root;
    }

    /**
     * Starts nginx with its config, files and logs in a directory of its own under the system's temporary directory,
     * not the bench's (0700) work directory: nginx started as root serves from an unprivileged worker, which must be
     * able to reach the files.
     */
    static NginxServer start(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new BenchException(binary + " is not there for the limit rows; apt-get install nginx-light, "
                    + "or pass --nginx PATH");
        }
        int port = ServerProcess.freePort();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("drift-bench-nginx-");
            Path root = Files.createDirectories(dir.resolve("root"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(root.resolve("index.html"), "nginx for the drift-ops bench\n");
            Path config = Files.writeString(dir.resolve("nginx.conf"), """
                    worker_processes 1;
                    pid %s;
                    error_log %s warn;
                    events { worker_connections 256; }
                    http {
                        access_log off;
                        sendfile on;
                        tcp_nopush on;
                        keepalive_requests 100000;
                        types { }
                        default_type application/octet-stream;
                        client_body_temp_path %s;
                        proxy_temp_path %s;
                        server {
                            listen 127.0.0.1:%d;
                            root %s;
                        }
                    }
                    """.formatted(dir.resolve("nginx.pid"), dir.resolve("error.log"), dir.resolve("body"),
                    dir.resolve("proxy"), port, root));
            ServerProcess process = ServerProcess.start("nginx", List.of(binary.toString(), "-p", dir.toString(),
                    "-c", config.toString(), "-g", "daemon off;"), Map.of(), port, "/index.html",
                    dir.resolve("nginx.log"));
            return new NginxServer(process, dir, root);
        } catch (IOException e) {
            removeIfMade(dir);
            throw new BenchException("cannot set up nginx: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeIfMade(dir);
            throw e;
        }
    }

    private static void removeIfMade(Path dir) {
        if (dir != null) {
            ScratchDirectory.delete(dir);
        }
    }

    URI baseUrl() {
        return process.baseUrl();
    }

    /**
     * At least {@code count} files of {@code size} bytes of the bench's blob content, under
     * {@code /v2/bench/limit-SIZE/blobs/}; files an earlier figure of that size wrote are served again.
     */
    Served serve(long size, int count) {
        String repository = "bench/limit-" + size;
        Path blobs = root.resolve("v2").resolve(repository).resolve("blobs");
        List<String> digests = written.computeIfAbsent(size, key -> new ArrayList<>());
        try {
            Files.createDirectories(blobs);
            for (Path dir = blobs; !dir.equals(root); dir = dir.getParent()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            while (digests.size() < count) {
                BlobContent content = new BlobContent(size, digests.size());
                Path temp = blobs.resolve("writing");
                Files.copy(content, temp);
                String digest = content.digest();
                Files.move(temp, blobs.resolve(digest));
                Files.setPosixFilePermissions(blobs.resolve(digest), PosixFilePermissions.fromString("rw-r--r--"));
                digests.add(digest);
            }
            return new Served(repository, List.copyOf(digests));
        } catch (IOException e) {
            throw new BenchException("cannot write nginx's files under " + blobs + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            ScratchDirectory.delete(dir);
        }
    }
}
