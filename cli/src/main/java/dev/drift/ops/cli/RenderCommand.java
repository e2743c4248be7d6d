package dev.drift.ops.cli;

import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drift-ops render}: a drift.toml for a backend, redacted on the terminal, complete in a file. */
@Command(name = "render",
        description = {
            "Print a drift.toml for a backend (secrets shown as ********), or write it in full to a file.",
            "Starts from the server's defaults; --set changes any key, e.g. --set logging.level=debug."
        })
final class RenderCommand extends DriftCommand {

    @Option(names = "--backend", defaultValue = "sqlite", paramLabel = "sqlite|postgres|zqlite",
            converter = BackendConverter.class,
            description = "Metadata backend (default: ${DEFAULT-VALUE}). postgres needs "
                    + "--set database.postgres_url=..., zqlite needs --set database.zqlite_url=...")
    DatabaseBackend backend;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a drift.toml key (dotted, e.g. server.bind_addr=127.0.0.1:5000); repeatable.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the complete file (secrets included) with mode 0600 instead of printing.")
    Path out;

    @Override
    public Integer call() throws ConfigException, IOException {
        DriftConfig config = ConfigSettings.parse(settings)
                .put(ConfigSettings.BACKEND_KEY, backend.id())
                .applyTo(DriftConfig.defaults());
        config.warnings().forEach(warning -> console().info("warning: " + warning));
        if (out == null) {
            out().print(config.renderRedacted());
            out().flush();
        } else {
            SecureFiles.writeOwnerOnly(out, config.render());
            console().info("wrote " + out + " (mode 0600)");
        }
        return ExitCodes.OK;
    }
}
