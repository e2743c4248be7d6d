package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.deploy.JvmOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the Drift server as a child process. It gets the config only as the 0600 file path, so no
 * secret is ever on a command line, and it runs in its own session ({@code setsid}) so Ctrl-C at
 * the terminal reaches drift-ops alone, which then stops the pieces in order.
 */
final class RegistryProcess {

    private RegistryProcess() {
    }

    static Component start(DataDir dataDir, String url, Console console) {
        Path jar = RegistryJar.locate();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        Processes.onPath("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(JvmOptions.command(java, jar, System.getenv(JvmOptions.USER_ENV)));
        command.addAll(List.of("--config", dataDir.config().toString()));
        console.detail("$ " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.registryLog().toFile()))
                .redirectErrorStream(true);
        Processes.withoutDriftSettings(builder.environment());
        try {
            Process process = builder.start();
            // The config path is in the command line and unique to this data directory.
            return new Component("registry", process.pid(), dataDir.config().toString(), url, dataDir.registryLog());
        } catch (IOException e) {
            throw CliException.provisioning("cannot start " + java + ": " + e.getMessage());
        }
    }
}
