package dev.drift.ops.cli;

import dev.drift.ops.cli.provision.Credentials;
import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.cli.provision.Provisioner;
import dev.drift.ops.cli.provision.UpRequest;
import dev.drift.ops.cli.suite.E2eSuite;
import dev.drift.ops.cli.suite.E2eSuites;
import dev.drift.ops.cli.suite.SuiteResult;
import dev.drift.ops.cli.suite.SuiteResult.Outcome;
import dev.drift.ops.cli.suite.SuiteResult.TestResult;
import dev.drift.ops.cli.suite.SuiteTarget;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drift-ops test}: the end-to-end suite against fresh Drifts per backend, or one by URL. */
@Command(name = "test",
        description = {
            "Run the end-to-end suite through Drift's HTTP API.",
            "",
            "Without --url: for each backend, start Drift exactly as up does (in a temporary data directory",
            "on a free port), run the suite, then stop it and delete its data. With --url: run the suite",
            "against that registry, whatever started it.",
            "",
            "Prints a table per backend, ends with the line 'N passed, N failed, N skipped', writes JUnit XML",
            "under --reports/BACKEND/, and exits 1 when anything failed."
        })
final class TestCommand extends DriftCommand {

    @Option(names = "--backend", defaultValue = "sqlite", paramLabel = "sqlite|postgres|zqlite|all",
            description = "Backend(s) to start and test (default: ${DEFAULT-VALUE}). 'all' skips zqlite "
                    + "when no --zqlite-url is given (on --target docker|k8s: and no drift-zqlite image meets the "
                    + "ZQLite contract).")
    String backend;

    @Option(names = "--target", defaultValue = "local", paramLabel = "TARGET",
            description = "Where to start Drift (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--url", paramLabel = "URL", description = "Test this running registry instead of starting one.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Basic-auth user for --url.")
    String user;

    @Option(names = "--password-env", defaultValue = "DRIFT_PASSWORD", paramLabel = "VAR",
            description = "Environment variable holding the password for --user (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--tags", split = ",", paramLabel = "TAG",
            description = "Run only these parts of the suite, e.g. --tags oci,bolt (oci, bolt, ops, auth).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--reports", defaultValue = "target/e2e-reports", paramLabel = "DIR",
            description = "Where JUnit XML goes, one directory per backend (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--wait", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long to wait for each Drift to become ready (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    TargetOptions targetOptions;

    @Mixin
    ScaleOptions scale;

    /** Replaced in tests that check the reporting without running the real suite. */
    E2eSuite suite = E2eSuites.bundled();

    @Override
    public Integer call() throws IOException {
        Map<String, SuiteResult> results = new LinkedHashMap<>();
        if (url != null) {
            results.put("url", provedSomething(suite.run(urlTarget(), reports.resolve("url"), tags)));
        } else {
            Provisioner provisioner = targetOptions.provisioner(target);
            scale.requireSupportedBy(target);
            for (DatabaseBackend each : backends(provisioner)) {
                Optional<String> cannot = provisioner.preflight(each, backendOptions.zqliteUrl(), console());
                if (cannot.isPresent()) {
                    results.put(each.id(), new SuiteResult(List.of(new TestResult("the " + each.id() + " backend",
                            Outcome.SKIPPED, cannot.get()))));
                    continue;
                }
                results.put(each.id(), provisionAndRun(provisioner, each));
            }
        }
        return report(results);
    }

    /** 'all' tests what can be tested here (the rest is reported skipped); one backend asked for must be possible. */
    private List<DatabaseBackend> backends(Provisioner provisioner) {
        if (backend.equals("all")) {
            return Arrays.asList(DatabaseBackend.values());
        }
        try {
            DatabaseBackend chosen = DatabaseBackend.fromId(backend);
            Optional<String> cannot = provisioner.preflight(chosen, backendOptions.zqliteUrl(), console());
            if (cannot.isPresent()) {
                throw CliException.usage("--backend " + chosen.id() + " cannot run on --target " + target + ": "
                        + cannot.get());
            }
            return List.of(chosen);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--backend " + e.getMessage().replace("must be one of ", "must be all or one of "));
        }
    }

    private SuiteTarget urlTarget() {
        if (user == null) {
            return new SuiteTarget(url, null, null);
        }
        String password = System.getenv(passwordEnv);
        if (password == null || password.isEmpty()) {
            throw CliException.usage("--user " + user + " needs its password in $" + passwordEnv + " (see --password-env)");
        }
        return new SuiteTarget(url, user, Secret.of(password));
    }

    /** Starts Drift on {@code backend} the way up does, runs the suite, and removes it all again. */
    private SuiteResult provisionAndRun(Provisioner target, DatabaseBackend backend) throws IOException {
        Provisioner provisioner = target.named(instanceName(backend));
        DataDir dataDir = new DataDir(Files.createTempDirectory("drift-ops-test-" + backend.id() + "-"));
        Console console = console();
        console.info("== " + backend.id() + ": starting Drift in " + dataDir.root());
        try (StopOnExit stopOnExit = new StopOnExit(provisioner, dataDir, console)) {
            Deployment deployment;
            try {
                deployment = provisioner.up(new UpRequest(backend, dataDir, 0,
                        backendOptions.externalPostgres(System.getenv()), backendOptions.zqliteUrl(),
                        Duration.ofSeconds(waitSeconds), scale.blobs, scale.replicas), console);
            } catch (CliException e) {
                return new SuiteResult(List.of(new TestResult("start Drift on " + backend.id(), Outcome.FAILED,
                        e.getMessage())));
            }
            try {
                Credentials credentials = Credentials.load(dataDir.credentials());
                console.info("== " + backend.id() + ": running the suite against " + deployment.url());
                return provedSomething(suite.run(new SuiteTarget(deployment.url(), credentials.user(),
                        credentials.password()), reports.resolve(backend.id()), tags));
            } finally {
                provisioner.down(deployment, true, console);
            }
        } finally {
            dataDir.deleteRecursively();
        }
    }

    /**
     * Every backend gets an instance of its own (on targets that name them), called after --name
     * (default {@code test}), the backend and a random suffix, so runs side by side never meet.
     */
    private String instanceName(DatabaseBackend backend) {
        String suffix = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        return targetOptions.name().orElse("test") + "-" + backend.id() + "-" + suffix;
    }

    /** A run in which nothing passed and nothing failed proves nothing, so it counts as a failure. */
    private static SuiteResult provedSomething(SuiteResult result) {
        if (result.count(Outcome.PASSED) > 0 || result.count(Outcome.FAILED) > 0) {
            return result;
        }
        List<TestResult> tests = new ArrayList<>(result.tests());
        tests.add(new TestResult("the suite", Outcome.FAILED, "no test ran (check --tags)"));
        return new SuiteResult(tests);
    }

    private int report(Map<String, SuiteResult> results) {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("BACKEND", "PASSED", "FAILED", "SKIPPED"));
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        for (Map.Entry<String, SuiteResult> entry : results.entrySet()) {
            SuiteResult result = entry.getValue();
            table.add(List.of(entry.getKey(), Long.toString(result.count(Outcome.PASSED)),
                    Long.toString(result.count(Outcome.FAILED)), Long.toString(result.count(Outcome.SKIPPED))));
            passed += result.count(Outcome.PASSED);
            failed += result.count(Outcome.FAILED);
            skipped += result.count(Outcome.SKIPPED);
            for (TestResult test : result.tests()) {
                if (test.outcome() != Outcome.PASSED || root().verbose()) {
                    out().println(entry.getKey() + ": " + test.outcome().name().toLowerCase() + ": " + test.name()
                            + (test.message().isEmpty() ? "" : " — " + test.message()));
                }
            }
        }
        out().println();
        out().print(Table.render(table));
        out().println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        out().flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.TESTS_FAILED;
    }
}
