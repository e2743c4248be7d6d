package dev.drift.ops.cli.docker;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.docker.ContainerSpec.SecretFile;
import dev.drift.ops.deploy.Layout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Puts secret files into a created, not yet started container: a tar copied to its filesystem
 * through the API, each file mode 0400 and owned by the user who reads it. The secrets so stay out
 * of environment values, command lines, labels and {@code docker inspect}; they live in the
 * container's own layer and go when the container is removed.
 */
final class ContainerSecrets {

    private static final String DIRECTORY = Layout.SECRETS_DIR.substring(1);

    private ContainerSecrets() {
    }

    static void copyInto(DockerEngine engine, String containerId, List<SecretFile> secrets) {
        if (secrets.isEmpty()) {
            return;
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry directory = new TarArchiveEntry(DIRECTORY + "/");
            directory.setMode(040755);
            out.putArchiveEntry(directory);
            out.closeArchiveEntry();
            for (SecretFile secret : secrets) {
                Owner owner = resolve(engine, containerId, secret.owner());
                byte[] content = secret.content().reveal().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(DIRECTORY + "/" + secret.name());
                entry.setMode(0100400);
                entry.setUserId(owner.uid());
                entry.setGroupId(owner.gid());
                entry.setSize(content.length);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.client().copyArchiveToContainerCmd(containerId)
                .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
                .withRemotePath("/")
                .exec();
    }

    record Owner(long uid, long gid) {
    }

    /** A numeric uid as is (its gid the same), or a user name looked up in the container's /etc/passwd. */
    private static Owner resolve(DockerEngine engine, String containerId, String owner) {
        if (owner.matches("[0-9]+")) {
            return new Owner(Long.parseLong(owner), Long.parseLong(owner));
        }
        return ownerIn(readPasswd(engine, containerId), owner).orElseThrow(() -> CliException.provisioning(
                "the image of container " + containerId.substring(0, 12) + " has no user \"" + owner
                        + "\" in /etc/passwd, who must own its secret files; is it the right image?"));
    }

    /** The uid and gid of {@code user} in passwd-format {@code text}. */
    static Optional<Owner> ownerIn(String passwd, String user) {
        return passwd.lines()
                .map(line -> line.split(":", -1))
                .filter(fields -> fields.length >= 4 && fields[0].equals(user))
                .findFirst()
                .map(fields -> new Owner(Long.parseLong(fields[2]), Long.parseLong(fields[3])));
    }

    private static String readPasswd(DockerEngine engine, String containerId) {
        try (InputStream stream = engine.client().copyArchiveFromContainerCmd(containerId, "/etc/passwd").exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(stream)) {
            return tar.getNextEntry() == null ? "" : new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
