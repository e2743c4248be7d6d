package dev.drift.ops.e2e;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the suite from a command line:
 * <pre>
 * java -cp drift-e2e.jar:... dev.drift.ops.e2e.E2eMain --url URL
 *      [--user USER (--password-env VAR | --password-file FILE)] [--tags oci,bolt] [--reports DIR]
 * </pre>
 * Without {@code --url} the target comes from DRIFT_URL, DRIFT_USER, DRIFT_PASSWORD (see {@link E2eTarget}).
 * A password is never taken as an argument: arguments show up in process listings.
 * Prints a table per test class and ends with {@code N passed, N failed}. Exit status: 0 when all
 * ran tests passed, 1 when any failed or none ran, 2 for bad arguments.
 */
public final class E2eMain {

    private static final String USAGE = """
            usage: E2eMain --url URL [--user USER (--password-env VAR | --password-file FILE)]
                           [--tags TAG[,TAG...]] [--reports DIR]
              --url            the registry, e.g. http://127.0.0.1:5000 (default: $DRIFT_URL); replicas of one
                               registry comma-separated, each request going to the next in turn
              --user           basic-auth user (default: $DRIFT_USER)
              --password-env   name of the environment variable holding the password (default: DRIFT_PASSWORD)
              --password-file  file whose first line is the password
              --tags           run only tests with these tags: %s
              --reports        write JUnit XML reports into this directory
            """.formatted(String.join(", ", E2eRunner.TAGS.stream().sorted().toList()));

    private E2eMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        E2eSummary summary;
        try {
            E2eTarget target = options.target();
            out.println("Drift e2e suite against " + target
                    + (options.tags.isEmpty() ? "" : ", tags " + String.join(",", options.tags)));
            out.println();
            summary = E2eRunner.run(target, options.tags, options.reports);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        out.print(summary.table());
        return summary.successful() ? 0 : 1;
    }

    /** The parsed command line. */
    private static final class Options {
        String url;
        String user;
        String passwordEnv;
        Path passwordFile;
        List<String> tags = new ArrayList<>();
        Path reports;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> options.help = true;
                    case "--url" -> options.url = value(args, ++i, arg);
                    case "--user" -> options.user = value(args, ++i, arg);
                    case "--password-env" -> options.passwordEnv = value(args, ++i, arg);
                    case "--password-file" -> options.passwordFile = Path.of(value(args, ++i, arg));
                    case "--tags" -> options.tags.addAll(Arrays.stream(value(args, ++i, arg).split(","))
                            .map(String::strip).filter(tag -> !tag.isEmpty()).toList());
                    case "--reports" -> options.reports = Path.of(value(args, ++i, arg));
                    case "--password" -> throw new IllegalArgumentException(
                            "--password is not accepted (arguments are visible to every user of the machine);"
                                    + " use --password-env VAR or --password-file FILE");
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            if (options.passwordEnv != null && options.passwordFile != null) {
                throw new IllegalArgumentException("give --password-env or --password-file, not both");
            }
            return options;
        }

        E2eTarget target() {
            if (url == null) {
                if (user != null || passwordEnv != null || passwordFile != null) {
                    throw new IllegalArgumentException("--user and the password options need --url");
                }
                return E2eTarget.fromEnvironment();
            }
            if (user == null) {
                if (passwordEnv != null || passwordFile != null) {
                    throw new IllegalArgumentException("a password option needs --user");
                }
                return E2eTarget.anonymous(url);
            }
            return E2eTarget.withCredentials(url, user, password());
        }

        private String password() {
            if (passwordFile != null) {
                return E2eTarget.readPasswordFile(passwordFile);
            }
            String variable = passwordEnv != null ? passwordEnv : "DRIFT_PASSWORD";
            String password = System.getenv(variable);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("--user " + user + " needs a password: environment variable "
                        + variable + " is not set (or use --password-file)");
            }
            return password;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
