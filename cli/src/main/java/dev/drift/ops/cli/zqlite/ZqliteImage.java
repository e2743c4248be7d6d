package dev.drift.ops.cli.zqlite;

import dev.drift.ops.cli.docker.BuildContext;
import dev.drift.ops.cli.docker.CaCertificates;
import dev.drift.ops.cli.docker.Images;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code docker build} of drift-zqlite is given (compose/zqlite/Dockerfile states the same layout): the
 * Dockerfile at the top, the ZQLite source under {@value #SOURCE_DIR}/ (as the seed's {@code cp -r archive/zqlite
 * ./zqlite/src}), the extra CA certificates under {@value CaCertificates#CONTEXT_DIR}/, and the build arguments
 * {@code ZIG_VERSION} and {@code BASE_IMAGE}.
 */
public final class ZqliteImage {

    public static final String DOCKERFILE_RESOURCE = "compose/zqlite/Dockerfile";
    public static final String SOURCE_DIR = "src";
    /**
     * Build output, caches and history never go into the context: they are large and the image is built from the
     * source alone. zig-cache is the cache's name before Zig 0.13.
     */
    public static final Set<String> EXCLUDED = Set.of(".zig-cache", "zig-cache", "zig-out", ".git");

    private ZqliteImage() {
    }

    public static BuildContext context(ZqliteSource source, List<Path> caCertificates) throws IOException {
        BuildContext context = BuildContext.create();
        try {
            context.addResource(DOCKERFILE_RESOURCE, "Dockerfile")
                    .addTree(source.dir(), SOURCE_DIR, EXCLUDED);
            CaCertificates.addTo(context, caCertificates);
            return context;
        } catch (IOException | RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public static Map<String, String> buildArgs(String zigVersion, String baseImage) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("ZIG_VERSION", zigVersion);
        args.put("BASE_IMAGE", baseImage);
        return args;
    }

    /**
     * {@code drift-zqlite:<version>}: what a build is tagged. {@code drift-zqlite:latest}, the name the
     * docker target, compose and the e2e suite run, is added only once the image meets the contract.
     */
    public static String versionTag(ZqliteSource source) {
        return Images.ZQLITE_REPOSITORY + ":" + source.version();
    }
}
