package dev.drift.ops.cli.docker;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.benchkit.GoTools;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * SeaweedFS's weed for the drift-seaweedfs image: {@code $DRIFT_WEED}, else what {@code scripts/go-tools.sh path
 * seaweedfs} of the checkout drift-ops runs from prints (it builds the pinned version when the cache lacks it).
 */
public final class SeaweedFsBinary {

    public static final String ENV = GoTools.WEED_ENV;

    private SeaweedFsBinary() {
    }

    public static Path locate(Console console) {
        try {
            Optional<Path> configured = GoTools.fromEnv(ENV);
            if (configured.isPresent()) {
                return configured.get();
            }
            Path script = checkout().resolve("scripts/go-tools.sh");
            console.info("finding weed with " + script + " path seaweedfs (builds it the first time)");
            return GoTools.path(script, GoTools.SEAWEEDFS, line -> console.info("  " + line));
        } catch (GoTools.GoToolException e) {
            throw CliException.provisioning(e.getMessage() + "; pass --weed FILE or set " + ENV);
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
