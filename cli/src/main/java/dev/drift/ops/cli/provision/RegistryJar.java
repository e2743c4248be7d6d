package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code drift-registry.jar}: the {@code drift.registry.jar} system property (the launcher
 * and the build set it), then {@code DRIFT_OPS_REGISTRY_JAR}, then the repository layout next to
 * the CLI's own jar ({@code cli/target/drift-ops.jar} beside {@code registry/target/}).
 */
public final class RegistryJar {

    private RegistryJar() {
    }

    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("drift.registry.jar")).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("DRIFT_OPS_REGISTRY_JAR")).map(Path::of).ifPresent(candidates::add);
        besideCli().ifPresent(candidates::add);
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .map(Path::toAbsolutePath)
                .orElseThrow(() -> CliException.provisioning("drift-registry.jar not found (looked at "
                        + candidates + "); build it with ./mvnw -pl registry -am package -DskipTests, "
                        + "or set DRIFT_OPS_REGISTRY_JAR"));
    }

    /** {@code <repo>/registry/target/drift-registry.jar} when the CLI runs from {@code <repo>/cli/target/...}. */
    private static Optional<Path> besideCli() {
        try {
            Path codeSource = Path.of(RegistryJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = codeSource; dir != null; dir = dir.getParent()) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("cli")) {
                    return Optional.of(dir.resolveSibling("registry").resolve("target").resolve("drift-registry.jar"));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No usable code source (e.g. a custom class loader): the other candidates remain.
        }
        return Optional.empty();
    }
}
