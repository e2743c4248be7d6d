package dev.drift.ops.cli;

import java.io.PrintWriter;

/**
 * Progress and diagnostics on stderr at the chosen verbosity, shared by the commands and the
 * provisioners (which know nothing of picocli).
 */
public final class Console {

    private static final char[] SPINNER = {'|', '/', '-', '\\'};
    /** Carriage return and ANSI "erase line": the spinner redraws in place. */
    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;
    private final boolean terminal;
    private int ticks;
    private String waitLabel = "";

    public Console(PrintWriter err, boolean quiet, boolean verbose) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
        this.terminal = stderrIsTerminal();
    }

    /** A step worth telling, dropped with --quiet. */
    public void info(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }

    /** A detail for --verbose only. */
    public void detail(String message) {
        if (verbose) {
            err.println(message);
            err.flush();
        }
    }

    /** Text printed as is (e.g. log lines of a child that failed); shown even with --quiet. */
    public void raw(String text) {
        err.println(text);
        err.flush();
    }

    /**
     * One step of a wait: a spinner on a terminal, a dot every fourth call elsewhere (logs and CI
     * output stay short).
     */
    public void tick(String waitingFor) {
        if (quiet) {
            return;
        }
        if (ticks == 0) {
            waitLabel = waitingFor;
        }
        if (terminal) {
            err.print(CLEAR_LINE + SPINNER[ticks % SPINNER.length] + " " + waitingFor);
        } else if (ticks == 0) {
            err.print(waitingFor + " ");
        } else if (ticks % 4 == 0) {
            err.print('.');
        }
        ticks++;
        err.flush();
    }

    /** Ends a wait started by {@link #tick} with {@code outcome} on the same line. */
    public void endWait(String outcome) {
        if (!quiet && ticks > 0) {
            err.println(terminal ? CLEAR_LINE + waitLabel + ": " + outcome : " " + outcome);
            err.flush();
        }
        ticks = 0;
    }

    /**
     * Since JDK 22 {@code System.console()} exists even when output is redirected, and only
     * {@code Console.isTerminal()} (JDK 22+, so looked up reflectively for release 21) tells.
     */
    private static boolean stderrIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
