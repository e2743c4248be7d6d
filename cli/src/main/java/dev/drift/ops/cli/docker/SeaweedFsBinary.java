package dev.drift.ops.cli.docker;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * SeaweedFS's weed for the drift-seaweedfs image: {@code $DRIFT_WEED}, else what {@code scripts/go-tools.sh path
 * seaweedfs} of the checkout drift-ops runs from prints (it builds the pinned version when the cache lacks it).
 */
public final class SeaweedFsBinary {

    public static final String ENV = "DRIFT_WEED";
    /** A cold build of weed takes about 11 minutes on 2 cores; twice that is a build that hangs. */
    private static final long BUILD_TIMEOUT_MINUTES = 30;

    private SeaweedFsBinary() {
    }

    public static Path locate(Console console) {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path script = checkout().resolve("scripts/go-tools.sh");
        console.info("finding weed with " + script + " path seaweedfs (builds it the first time)");
        try {
            Process process = new ProcessBuilder(script.toString(), "path", "seaweedfs")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            // Its progress comes on stderr, a line at a time; stdout is the path alone.
            Thread progress = Thread.ofVirtual().start(() -> forward(process.getErrorStream(), console));
            String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw CliException.provisioning("building weed took over " + BUILD_TIMEOUT_MINUTES + " minutes; "
                        + "run " + script + " build seaweedfs to see why, or pass --weed");
            }
            progress.join();
            if (process.exitValue() != 0 || path.isEmpty()) {
                throw CliException.provisioning(script + " path seaweedfs failed (exit " + process.exitValue()
                        + ", its output is above); pass --weed FILE or set " + ENV);
            }
            return Path.of(path);
        } catch (IOException e) {
            throw CliException.provisioning("cannot run " + script + ": " + e.getMessage() + "; pass --weed FILE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.provisioning("interrupted while building weed");
        }
    }

    /** SEAWEEDFS_VERSION of scripts/versions.env, for the image's label; "unknown" outside a checkout. */
    public static String pinnedVersion() {
        try (InputStream in = Files.newInputStream(checkout().resolve("scripts/versions.env"))) {
            Properties versions = new Properties();
            versions.load(in);
            return Optional.ofNullable(versions.getProperty("SEAWEEDFS_VERSION")).map(SeaweedFsBinary::unquoted)
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String unquoted(String value) {
        return value.strip().replaceAll("^\"|\"$", "");
    }

    private static void forward(InputStream stream, Console console) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> console.info("  " + line.strip()));
        } catch (IOException e) {
            // The process ended under us; its exit code tells the rest.
        }
    }

    /** The checkout drift-ops runs from: the directory above {@code cli/} of the CLI's jar or classes. */
    private static Path checkout() {
        try {
            Path codeSource = Path.of(SeaweedFsBinary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = codeSource; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("scripts/go-tools.sh"))) {
                    return dir;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No usable code source: said below.
        }
        throw CliException.provisioning("drift-ops does not run from a checkout (no scripts/go-tools.sh above it), "
                + "so it cannot build weed; pass --weed FILE or set " + ENV);
    }
}
