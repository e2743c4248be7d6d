package dev.drift.ops.cli.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A docker build context assembled on purpose, as a tar file: only what the build needs goes in
 * (a Dockerfile from the CLI's resources, a jar, a source tree minus its caches), so nothing else
 * in the user's directories is sent to the engine.
 */
public final class BuildContext implements AutoCloseable {

    private final Path tar;
    private final TarArchiveOutputStream out;

    private BuildContext(Path tar) throws IOException {
        this.tar = tar;
        this.out = new TarArchiveOutputStream(Files.newOutputStream(tar));
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public static BuildContext create() throws IOException {
        return new BuildContext(Files.createTempFile("drift-ops-build-", ".tar"));
    }

    /** Adds a classpath resource, e.g. {@code compose/drift/Dockerfile}, under {@code name}. */
    public BuildContext addResource(String resource, String name) throws IOException {
        try (InputStream in = BuildContext.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is missing from the drift-ops jar; rebuild it");
            }
            return addBytes(name, in.readAllBytes());
        }
    }

    public BuildContext addBytes(String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
        return this;
    }

    /** An empty directory, e.g. one the Dockerfile COPYs from whether or not anything goes into it. */
    public BuildContext addDirectory(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(040755);
        out.putArchiveEntry(entry);
        out.closeArchiveEntry();
        return this;
    }

    /** Adds {@code file} under {@code name}, executable in the image when it is executable here. */
    public BuildContext addFile(Path file, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(file, name);
        entry.setMode(Files.isExecutable(file) ? 0755 : 0644);
        out.putArchiveEntry(entry);
        Files.copy(file, out);
        out.closeArchiveEntry();
        return this;
    }

    /**
     * Adds the tree under {@code dir} below {@code prefix}, leaving out any directory or file whose
     * name is in {@code excludedNames} (wherever it sits in the tree). Symbolic links are not followed.
     */
    public BuildContext addTree(Path dir, String prefix, Set<String> excludedNames) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attrs) throws IOException {
                if (!path.equals(dir) && excludedNames.contains(path.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!path.equals(dir)) {
                    out.putArchiveEntry(new TarArchiveEntry(path, entryName(path) + "/"));
                    out.closeArchiveEntry();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !excludedNames.contains(path.getFileName().toString())) {
                    addFile(path, entryName(path));
                }
                return FileVisitResult.CONTINUE;
            }

            private String entryName(Path path) {
                String relative = dir.relativize(path).toString().replace('\\', '/');
                return prefix.isEmpty() ? relative : prefix + "/" + relative;
            }
        });
        return this;
    }

    /** Finishes the archive; the stream reads the whole context. */
    public InputStream open() throws IOException {
        out.finish();
        out.close();
        return Files.newInputStream(tar);
    }

    /** Size in bytes once {@link #open()} finished it; for progress messages. */
    public long size() throws IOException {
        return Files.size(tar);
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(tar);
    }
}
