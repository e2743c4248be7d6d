package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A directory of the bench's scratch data, removed with everything in it when closed. */
record ScratchDirectory(Path root) implements AutoCloseable {

    @Override
    public void close() {
        delete(root);
    }

    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            List<Path> paths = tree.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new BenchException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
