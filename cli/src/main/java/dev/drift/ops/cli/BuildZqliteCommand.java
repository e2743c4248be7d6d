package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.BuildContext;
import dev.drift.ops.cli.docker.CaCertificates;
import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.cli.docker.ImageBuilder;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.cli.zqlite.ZqliteContract;
import dev.drift.ops.cli.zqlite.ZqliteContract.Report;
import dev.drift.ops.cli.zqlite.ZqliteImage;
import dev.drift.ops.cli.zqlite.ZqliteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drift-ops build zqlite}: the drift-zqlite image from ZQLite source, then the check of the image against
 * the ZQLite contract; {@code --check-only} runs the check alone on an existing image.
 */
@Command(name = "zqlite",
        description = {
            "Build the drift-zqlite image from ZQLite source (build.zig, build.zig.zon) with compose/zqlite/Dockerfile,",
            "tag it drift-zqlite:<.version of build.zig.zon>, then check it against the ZQLite contract:",
            "`zqlite server --port 5433 --data-dir /var/lib/zqlite` keeps running, GET /health answers 200,",
            "`zqlite ping` exits 0, and the port speaks the PostgreSQL wire protocol. Only an image that meets",
            "every clause is also tagged drift-zqlite:latest, the image up --target docker, compose and the",
            "e2e suite run by default.",
            "The build context holds the source (without .zig-cache, zig-out and .git), the Dockerfile and the",
            "extra CA certificates the builder stage trusts for its downloads (never the runtime stage).",
            "Exits 0 when every clause holds, 4 when the build fails or a clause is missing, 2 when the source",
            "is not ZQLite."
        })
final class BuildZqliteCommand extends DriftCommand {

    @Option(names = "--source", paramLabel = "DIR", defaultValue = "archive/zqlite",
            description = "ZQLite source tree (default: ${DEFAULT-VALUE}).")
    Path source;

    @Option(names = "--zig-version", paramLabel = "VERSION",
            description = "Zig toolchain (PyPI's ziglang package) to build with (default: .minimum_zig_version of "
                    + "build.zig.zon, else " + ZqliteSource.DEFAULT_ZIG_VERSION + ").")
    String zigVersion;

    @Option(names = "--base-image", paramLabel = "IMAGE",
            defaultValue = "${env:" + Images.BASE_ENV + ":-" + Images.BASE_DEFAULT + "}",
            description = "Debian image to build and run on (default: $" + Images.BASE_ENV + " or ${DEFAULT-VALUE}).")
    String baseImage;

    @Option(names = "--tag", paramLabel = "IMAGE",
            description = "Name the image this alone (default: drift-zqlite:<version>, plus drift-zqlite:latest once the "
                    + "contract holds); "
                    + "with --check-only, the image to check (default: drift-zqlite:latest).")
    String tag;

    @Option(names = "--ca-cert", paramLabel = "FILE", arity = "1..*",
            description = "CA certificate(s) the builder stage trusts for pip's download (default: the *.crt files "
                    + "in " + CaCertificates.LOCAL_DIR + ", when there are any).")
    List<Path> caCertificates;

    @Option(names = "--network", defaultValue = "host", paramLabel = "MODE",
            description = "Network of the build's steps (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--check-only",
            description = "Do not build: check the image named by --tag against the ZQLite contract.")
    boolean checkOnly;

    @Option(names = "--health-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long the checked server gets to answer GET /health with 200 (default: ${DEFAULT-VALUE}).")
    int healthWaitSeconds;

    @Override
    public Integer call() throws IOException {
        Console console = console();
        if (checkOnly) {
            String image = tag == null ? Images.zqlite() : tag;
            try (DockerEngine engine = DockerEngine.connect()) {
                engine.requireImage(image, "build it with drift-ops build zqlite --source DIR");
                return check(engine, console, image);
            }
        }
        // Everything about the input is checked before Docker is asked anything.
        ZqliteSource zqlite = ZqliteSource.inspect(source);
        List<Path> certificates = certificates();
        String zig = zigVersion == null ? zqlite.zigVersion() : zigVersion;
        String built = tag == null ? ZqliteImage.versionTag(zqlite) : tag;
        console.info("ZQLite " + zqlite.version() + " from " + zqlite.dir() + ", Zig " + zig + ", base " + baseImage
                + ", " + certificates.size() + " extra CA certificate(s)");
        try (DockerEngine engine = DockerEngine.connect();
             BuildContext context = ZqliteImage.context(zqlite, certificates)) {
            engine.requireImage(baseImage, "pull it, pass --base-image, or build a local substitute with "
                    + "scripts/build-base-images.sh and set " + Images.BASE_ENV + "=drift-local/debian:bookworm");
            String id = new ImageBuilder(engine, console).build("drift-zqlite " + zqlite.version(), context,
                    built, ZqliteImage.buildArgs(zig, baseImage), network);
            out().println(built);
            out().flush();
            int checked = check(engine, console, built);
            if (tag == null) {
                // Only an image that meets the contract becomes the one everything else runs by default.
                String latest = Images.zqlite();
                int colon = latest.lastIndexOf(':');
                engine.client().tagImageCmd(id, latest.substring(0, colon), latest.substring(colon + 1)).exec();
                out().println(latest);
                out().flush();
            }
            return checked;
        }
    }

    private int check(DockerEngine engine, Console console, String image) {
        Report report = new ZqliteContract(engine, console, Duration.ofSeconds(healthWaitSeconds)).check(image);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CHECK", "RESULT", "EVIDENCE"));
        report.rows().forEach(row -> rows.add(List.of(row.check(), row.result().label(), row.evidence())));
        out().print(Table.render(rows));
        out().flush();
        if (!report.holds()) {
            throw CliException.provisioning(report.summary());
        }
        console.info(report.summary());
        return ExitCodes.OK;
    }

    /** --ca-cert as given (each must be a file), else this machine's local CAs. */
    private List<Path> certificates() {
        if (caCertificates == null) {
            return CaCertificates.localDefaults();
        }
        for (Path certificate : caCertificates) {
            if (!Files.isRegularFile(certificate)) {
                throw CliException.usage("--ca-cert " + certificate + ": no such file");
            }
        }
        return caCertificates;
    }
}
