package dev.drift.ops.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import dev.drift.ops.e2e.suite.TargetExtension;

/**
 * Runs the end-to-end suite against a registry through the JUnit Platform Launcher. This is the API
 * the drift-ops CLI calls; {@link E2eMain} is the same from a command line.
 */
public final class E2eRunner {

    /** The tags that select a part of the suite: the OCI Distribution API, the Bolt API, probes and metrics, authentication. */
    public static final Set<String> TAGS = Set.of("oci", "bolt", "ops", "auth");

    private static final String SUITE_PACKAGE = "dev.drift.ops.e2e.suite";

    private E2eRunner() {
    }

    /**
     * Runs the tests carrying any of {@code tags} (all tests when empty) against {@code target} and
     * returns what they found. With a {@code reportsDir}, JUnit XML reports are written there.
     *
     * @throws IllegalArgumentException for a tag that is not one of {@link #TAGS}
     */
    public static E2eSummary run(E2eTarget target, Collection<String> tags, Path reportsDir) {
        for (String tag : tags) {
            if (!TAGS.contains(tag)) {
                throw new IllegalArgumentException("unknown tag '" + tag + "'; the suite's tags are " + TAGS);
            }
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(SUITE_PACKAGE))
                .configurationParameters(TargetExtension.configurationParameters(target));
        if (!tags.isEmpty()) {
            request.filters(TagFilter.includeTags(List.copyOf(tags)));
        }
        return execute(request.build(), reportsDir);
    }

    private static E2eSummary execute(LauncherDiscoveryRequest request, Path reportsDir) {
        ResultCollector collector = new ResultCollector();
        List<TestExecutionListener> listeners = new ArrayList<>(List.of(collector));
        if (reportsDir != null) {
            try {
                Files.createDirectories(reportsDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the reports directory " + reportsDir, e);
            }
            listeners.add(new LegacyXmlReportGeneratingListener(reportsDir, new PrintWriter(System.err, true)));
        }
        // Only our listeners: whatever else is on the classpath (a build tool's, an IDE's) stays out of this run.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        launcher.execute(request, listeners.toArray(TestExecutionListener[]::new));
        return collector.summary();
    }
}
