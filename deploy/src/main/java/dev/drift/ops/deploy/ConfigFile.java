package dev.drift.ops.deploy;

/** A file a component reads its settings from, mounted read-only: Drift's drift.toml. It holds no secret. */
public record ConfigFile(String path, String text) {

    /** The file's name, e.g. {@code drift.toml}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The directory it is mounted in, e.g. {@code /etc/drift}. */
    public String directory() {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
