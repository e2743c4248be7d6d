package dev.drift.ops.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: output through picocli's writers (so tests capture it) at the
 * verbosity the global options chose.
 */
abstract class DriftCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    /** Results: always printed, on stdout. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and diagnostics go to stderr so stdout stays parseable. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Console console() {
        return new Console(err(), root().quiet(), root().verbose());
    }

    /** The top command, holding the global options (also for commands nested below another one). */
    DriftOps root() {
        return (DriftOps) spec.root().userObject();
    }
}
