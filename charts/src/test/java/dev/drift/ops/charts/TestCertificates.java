package dev.drift.ops.charts;

import dev.drift.ops.testkit.Commands;
import dev.drift.ops.testkit.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away certificate authority and certificates it signs, made with the real openssl: NAME.crt, NAME.key (PEM)
 * and NAME.pk8 (the key as PKCS-8 DER, the form PostgreSQL's JDBC driver reads) in one directory.
 */
final class TestCertificates {

    private static final int DAYS = 2;

    private TestCertificates() {
    }

    static void authority(Path dir, String commonName) {
        RealTools.requireCommand("openssl", "version");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", Integer.toString(DAYS),
                "-subj", "/CN=" + commonName, "-keyout", dir.resolve("ca.key").toString(),
                "-out", dir.resolve("ca.crt").toString());
    }

    /** NAME.crt for {@code commonName} (with {@code subjectAltName}, e.g. DNS:host, when given), signed by ca.crt. */
    static void signed(Path dir, String name, String commonName, String subjectAltName) throws IOException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName,
                "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".csr").toString());
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", dir.resolve(name + ".csr").toString(),
                "-CA", dir.resolve("ca.crt").toString(), "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial",
                "-days", Integer.toString(DAYS), "-out", dir.resolve(name + ".crt").toString()));
        if (subjectAltName != null) {
            Path extensions = dir.resolve(name + ".ext");
            Files.writeString(extensions, "subjectAltName=" + subjectAltName + "\n");
            sign.addAll(List.of("-extfile", extensions.toString()));
        }
        openssl(sign.toArray(String[]::new));
        openssl("pkcs8", "-topk8", "-nocrypt", "-inform", "PEM", "-outform", "DER",
                "-in", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".pk8").toString());
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void openssl(String... args) {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Commands.run(argv.toArray(String[]::new));
    }
}
