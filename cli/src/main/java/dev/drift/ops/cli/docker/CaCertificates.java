package dev.drift.ops.cli.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Extra CA certificates a build's downloads must trust. Behind a TLS-inspecting proxy (corporate, or the egress
 * proxy of a CI sandbox) pip and curl inside {@code docker build} fail unless the proxy's CA is trusted there too.
 * By default they are the ones this machine added to its own trust store: the {@code *.crt} files in
 * {@value #LOCAL_DIR}.
 */
public final class CaCertificates {

    /** Where Debian's update-ca-certificates takes local CAs from, on this machine and in the builder stage. */
    public static final String LOCAL_DIR = "/usr/local/share/ca-certificates";
    /** The context directory a Dockerfile COPYs them from; present (maybe empty) in every context that has it. */
    public static final String CONTEXT_DIR = "ca-certificates";

    private CaCertificates() {
    }

    /** The {@code *.crt} files in {@value #LOCAL_DIR} (and its subdirectories), or none when it does not exist. */
    public static List<Path> localDefaults() {
        Path dir = Path.of(LOCAL_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".crt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Puts {@code certificates} into {@value #CONTEXT_DIR}/ of {@code context}, numbered (two files of the same name
     * both arrive) and named {@code *.crt}, the only files update-ca-certificates picks up.
     */
    public static void addTo(BuildContext context, List<Path> certificates) throws IOException {
        context.addDirectory(CONTEXT_DIR);
        int n = 0;
        for (Path certificate : certificates) {
            String base = certificate.getFileName().toString().replaceFirst("\\.(crt|pem|cer)$", "");
            context.addFile(certificate, String.format("%s/%02d-%s.crt", CONTEXT_DIR, ++n, base));
        }
    }
}
