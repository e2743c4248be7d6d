package dev.drift.ops.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: output through picocli's writers (so tests capture it) at the
 * verbosity the global options chose.
 */
abstract class DriftCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    DriftOps root;

    /** Results: always printed, on stdout. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and diagnostics go to stderr so stdout stays parseable. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Console console() {
        return new Console(err(), root.quiet(), root.verbose());
    }
}
