package dev.drift.ops.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway CA and a server certificate for 127.0.0.1 it signed, made with the real openssl, for tests of TLS
 * clients that must trust a CA file (and only it).
 */
final class TestCertificates {

    private TestCertificates() {
    }

    /** Writes ca.pem, server.pem and server.key into {@code dir}; returns ca.pem. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String d = dir.toString();
        Commands.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=drift-test-ca", "-keyout", d + "/ca.key", "-out", d + "/ca.pem",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Commands.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", d + "/server.key", "-out", d + "/server.csr");
        Path extensions = Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
        Commands.run("openssl", "x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
                "-CAcreateserial", "-days", "1", "-out", d + "/server.pem", "-extfile", extensions.toString());
        return dir.resolve("ca.pem");
    }
}
