package dev.drift.ops.cli;

import dev.drift.ops.bench.BenchCommand;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code drift-ops}: the top-level command. It only holds the options every subcommand inherits
 * ({@code --verbose}, {@code --quiet}) and wires the failure handling; each subcommand is a class.
 */
@Command(name = "drift-ops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        description = "Stand a Drift registry up on SQLite, PostgreSQL or ZQLite and prove it works.",
        subcommands = {
            RenderCommand.class,
            UpCommand.class,
            StatusCommand.class,
            DownCommand.class,
            LogsCommand.class,
            TestCommand.class,
            MigrateCommand.class,
            GcCommand.class,
            BuildCommand.class,
            BenchCommand.class,
            GenerateCompletion.class
        },
        footer = ExitCodes.FOOTER)
public final class DriftOps implements Runnable {

    private static final int HELP_WIDTH = 110;

    @Spec
    CommandSpec spec;

    private boolean verbose;
    private boolean quiet;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Say more: each step, child commands, stack traces of failures.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only results and errors (no progress).")
    void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }

    boolean verbose() {
        return verbose;
    }

    boolean quiet() {
        return quiet && !verbose;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }

    /** A command line with drift-ops' failure handling; tests redirect its out and err. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DriftOps());
        // The descriptions are laid out as paragraphs up to ~105 columns; 80 would re-wrap every line mid-sentence.
        commandLine.setUsageHelpWidth(HELP_WIDTH);
        FailureHandler handler = new FailureHandler();
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return commandLine;
    }

    /** True when --verbose was given anywhere on the command line that {@code command} belongs to. */
    static boolean isVerbose(CommandLine command) {
        return command.getCommandSpec().root().userObject() instanceof DriftOps root && root.verbose();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
