package dev.drift.ops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drift-ops gc}: one garbage collection over the metadata database and blob directory a drift.toml names
 * (the data directory's, by default). The work is the registry's collector ({@code GcMain} in drift-registry.jar),
 * run in a child JVM as {@code migrate} runs the migration tool.
 */
@Command(name = "gc",
        description = "Remove blobs no manifest references (with --untagged also manifests no tag, index or subject "
                + "reaches) and upload sessions abandoned for a day, older than [registry] min_age_days; print what "
                + "was removed and the bytes freed. Exit code 1 when the collection failed or another collector runs.")
final class GcCommand extends DriftCommand {

    static final String MAIN_CLASS = "dev.drift.ops.registry.gc.GcMain";

    @Option(names = "--config", paramLabel = "FILE",
            description = "The drift.toml of the registry to collect (default: the one in --data-dir).")
    Path config;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--untagged", description = "Also remove manifests no tag, index or subject reaches.")
    boolean untagged;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = config != null ? config : dataDir.dataDir().config();
        List<String> arguments = new ArrayList<>(List.of("--config", file.toAbsolutePath().toString()));
        if (dryRun) {
            arguments.add("--dry-run");
        }
        if (untagged) {
            arguments.add("--untagged");
        }
        return switch (RegistryTool.run(MAIN_CLASS, arguments, out(), err())) {
            case 0 -> ExitCodes.OK;
            case 2 -> ExitCodes.USAGE;
            case 3 -> ExitCodes.CONFIG;
            default -> ExitCodes.GC_FAILED;
        };
    }
}
