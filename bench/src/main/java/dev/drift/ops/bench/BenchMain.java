package dev.drift.ops.bench;

import picocli.CommandLine;

/** Runs {@link BenchCommand} on its own: {@code java -jar bench/target/drift-bench.jar [options]}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        commandLine
                .setExecutionExceptionHandler((exception, line, parsed) -> {
                    if (!(exception instanceof BenchException)) {
                        throw exception;
                    }
                    line.getErr().println(line.getColorScheme().errorText("drift-ops bench: " + exception.getMessage()));
                    return 1;
                });
        System.exit(commandLine.execute(args));
    }
}
