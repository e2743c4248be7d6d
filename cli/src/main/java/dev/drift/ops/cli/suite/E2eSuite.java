package dev.drift.ops.cli.suite;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The end-to-end suite as {@code drift-ops test} sees it: run against one registry, JUnit XML into
 * a directory, per-test results back. Kept this small so the command does not depend on how the
 * suite is built.
 */
public interface E2eSuite {

    /**
     * @param tags a JUnit tag expression selecting part of the suite, or empty for all of it
     */
    SuiteResult run(SuiteTarget target, Path reportDir, Optional<String> tags);
}
