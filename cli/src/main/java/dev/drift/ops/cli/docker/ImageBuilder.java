package dev.drift.ops.cli.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Runs one {@code docker build} through the engine's API: the build's own output is streamed
 * (each {@code Step N/M} as progress, everything with --verbose), and a failed build names the
 * step it failed at and shows its last lines.
 */
public final class ImageBuilder {

    private static final int LINES_ON_FAILURE = 30;

    private final DockerEngine engine;
    private final Console console;

    public ImageBuilder(DockerEngine engine, Console console) {
        this.engine = engine;
        this.console = console;
    }

    /**
     * Builds {@code context} (which holds its Dockerfile at the top) into {@code tag}.
     *
     * @param what        what is built, for messages, e.g. {@code "the Drift image"}
     * @param network     network mode of the RUN steps ({@code host} lets apt and pip inside reach
     *                    the network the way this machine does)
     * @return the image id
     */
    public String build(String what, BuildContext context, String tag, Map<String, String> buildArgs,
                        String network) {
        Output output = new Output();
        console.info("building " + what + " as " + tag);
        try (InputStream tar = context.open()) {
            BuildImageCmd command = engine.client().buildImageCmd(tar)
                    .withTags(Set.of(tag))
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .withNetworkMode(network);
            buildArgs.forEach(command::withBuildArg);
            String id = command.exec(output).awaitImageId();
            console.info("built " + what + ": " + tag + " (" + shortId(id) + ")");
            return id;
        } catch (IOException e) {
            throw CliException.io("cannot send the build context of " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            output.lastLines.forEach(console::raw);
            throw CliException.provisioning("building " + what + " failed"
                    + (output.step.isEmpty() ? "" : " at " + output.step) + ": " + DockerEngine.rootMessage(e)
                    + (output.lastLines.isEmpty() ? "" : " (the build's last lines are above)"));
        }
    }

    static String shortId(String id) {
        String bare = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return bare.substring(0, Math.min(12, bare.length()));
    }

    /** Collects the build's text: progress per step, the tail for a failure message. */
    private final class Output extends BuildImageResultCallback {
        private final Deque<String> lastLines = new ArrayDeque<>();
        private String step = "";

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                item.getStream().lines().filter(line -> !line.isBlank()).forEach(this::line);
            }
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                line(item.getErrorDetail().getMessage());
            }
            super.onNext(item);
        }

        private void line(String line) {
            if (line.startsWith("Step ")) {
                step = line.strip();
                console.info("  " + step);
            } else {
                console.detail("  " + line);
            }
            lastLines.addLast(line);
            if (lastLines.size() > LINES_ON_FAILURE) {
                lastLines.removeFirst();
            }
        }
    }
}
