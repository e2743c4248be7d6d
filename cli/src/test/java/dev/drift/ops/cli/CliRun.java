package dev.drift.ops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** One drift-ops invocation in this JVM with its exit code and captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(commandLine -> { }, args);
    }

    /** Runs with {@code prepare} applied to the command line first (e.g. to give a command a test double). */
    static CliRun of(Consumer<CommandLine> prepare, String... args) {
        CommandLine commandLine = DriftOps.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        prepare.accept(commandLine);
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
