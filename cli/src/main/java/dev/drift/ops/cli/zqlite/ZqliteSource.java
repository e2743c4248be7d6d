package dev.drift.ops.cli.zqlite;

import dev.drift.ops.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A directory checked to hold ZQLite source before anything is sent to Docker: {@code build.zig} and
 * {@code build.zig.zon} present, the manifest's {@code .name} is {@code zqlite} and its {@code .version} is
 * {@code x.y.z}. The version becomes the image tag, so it must also be a valid Docker tag.
 */
public record ZqliteSource(Path dir, String version, String zigVersion) {

    /** The Zig toolchain used when the manifest names no {@code .minimum_zig_version}. */
    public static final String DEFAULT_ZIG_VERSION = "0.15.1";

    static final String BUILD_ZIG = "build.zig";
    static final String BUILD_ZIG_ZON = "build.zig.zon";

    /** Semantic version, optionally with a pre-release part; build metadata ("+...") cannot be a Docker tag. */
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

    /**
     * Checks {@code dir} and reads its manifest.
     *
     * @throws CliException a usage error naming everything that is missing in {@code dir}
     */
    public static ZqliteSource inspect(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw notZqlite(absolute, Files.exists(absolute) ? "it is not a directory" : "the directory does not exist");
        }
        List<String> missing = new ArrayList<>();
        for (String file : List.of(BUILD_ZIG, BUILD_ZIG_ZON)) {
            if (!Files.isRegularFile(absolute.resolve(file))) {
                missing.add(file);
            }
        }
        // Every problem at once, so that one run tells the user all that is wrong.
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " missing");
        }
        ZonManifest manifest = null;
        if (!missing.contains(BUILD_ZIG_ZON)) {
            manifest = ZonManifest.parse(read(absolute.resolve(BUILD_ZIG_ZON)));
            problems.addAll(manifestProblems(manifest));
        }
        if (!problems.isEmpty()) {
            throw notZqlite(absolute, String.join("; ", problems));
        }
        return new ZqliteSource(absolute, manifest.version().get(),
                manifest.minimumZigVersion().orElse(DEFAULT_ZIG_VERSION));
    }

    private static List<String> manifestProblems(ZonManifest manifest) {
        List<String> problems = new ArrayList<>();
        if (manifest.name().isEmpty()) {
            problems.add("build.zig.zon has no .name");
        } else if (!manifest.name().get().equals("zqlite")) {
            problems.add("build.zig.zon's .name is " + manifest.name().get() + ", not zqlite");
        }
        if (manifest.version().isEmpty()) {
            problems.add("build.zig.zon has no .version");
        } else if (!VERSION.matcher(manifest.version().get()).matches()) {
            problems.add("build.zig.zon's .version \"" + manifest.version().get() + "\" is not x.y.z");
        }
        return problems;
    }

    private static CliException notZqlite(Path dir, String what) {
        return CliException.usage(dir + " is not ZQLite source: " + what
                + " (expected build.zig and a build.zig.zon with .name = .zqlite and .version = \"x.y.z\")");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
