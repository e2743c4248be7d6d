package dev.drift.ops.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout a test runs in, found upward from the module directory, for the repository's scripts. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The nearest directory at or above the working directory holding {@code scripts/}; the working directory if none. */
    static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/versions.env"))) {
                return dir;
            }
        }
        return start;
    }
}
