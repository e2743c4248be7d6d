package dev.drift.ops.cli;


import dev.drift.ops.benchkit.BenchException;
import dev.drift.ops.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one red line on stderr and an exit code from {@link ExitCodes}. The
 * stack trace follows only with {@code --verbose}: operators need the reason, not the frames.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        printRedLine(command, name + ": " + e.getMessage() + " (see '" + name + " --help')");
        if (DriftOps.isVerbose(command)) {
            e.printStackTrace(command.getErr());
        }
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        int exitCode = exitCodeOf(e);
        String message = exitCode == ExitCodes.INTERNAL
                ? "internal error: " + e + (DriftOps.isVerbose(command) ? "" : " (rerun with --verbose for details)")
                : e.getMessage();
        printRedLine(command, command.getCommandSpec().qualifiedName() + ": " + message);
        if (DriftOps.isVerbose(command)) {
            e.printStackTrace(command.getErr());
        }
        return exitCode;
    }

    static int exitCodeOf(Exception e) {
        if (e instanceof CliException cli) {
            return cli.exitCode();
        }
        if (e instanceof ConfigException) {
            return ExitCodes.CONFIG;
        }
        if (e instanceof BenchException) {
            // the bench's servers did not start, or failed under its workload
            return ExitCodes.PROVISIONING;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return ExitCodes.IO;
        }
        return ExitCodes.INTERNAL;
    }

    private static void printRedLine(CommandLine command, String line) {
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText(line.replace('\n', ' ')));
        err.flush();
    }
}
