package dev.drift.ops.cli.suite;

import java.nio.file.Path;
import java.util.List;

/**
 * The end-to-end suite as {@code drift-ops test} sees it: run against one registry, JUnit XML into
 * a directory, per-test results back. Kept this small so the command does not depend on how the
 * suite is built.
 */
public interface E2eSuite {

    /**
     * @param tags the parts of the suite to run (e.g. {@code oci}, {@code bolt}); empty for all of it
     */
    SuiteResult run(SuiteTarget target, Path reportDir, List<String> tags);
}
