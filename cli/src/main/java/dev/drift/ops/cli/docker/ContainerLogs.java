package dev.drift.ops.cli.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A container's output (stdout and stderr) as the engine keeps it: the last lines, or followed. */
public final class ContainerLogs {

    private ContainerLogs() {
    }

    /** The last {@code count} lines. */
    public static List<String> tail(DockerEngine engine, String containerId, int count) {
        List<String> lines = new ArrayList<>();
        stream(engine, containerId, count, false, lines::add);
        return lines;
    }

    /**
     * Hands each line to {@code sink}: the last {@code count}, then, with {@code follow}, new ones
     * until the container stops or the thread is interrupted.
     */
    public static void stream(DockerEngine engine, String containerId, int count, boolean follow, Consumer<String> sink) {
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onNext(Frame frame) {
                partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    sink.accept(partial.substring(0, newline));
                    partial.delete(0, newline + 1);
                }
            }

            @Override
            public void onComplete() {
                if (!partial.isEmpty()) {
                    sink.accept(partial.toString());
                }
                super.onComplete();
            }
        };
        try {
            engine.client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(count)
                    .withFollowStream(follow).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
