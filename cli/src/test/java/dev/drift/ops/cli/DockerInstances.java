package dev.drift.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Instance names for docker-target tests, each new to the engine, and {@code down --purge} of every one of them after
 * each test, passed or failed, so no container, volume or network outlives its test.
 */
final class DockerInstances implements AfterEachCallback {

    private final String prefix;
    private final List<String> names = new ArrayList<>();

    DockerInstances(String prefix) {
        this.prefix = prefix;
    }

    String create() {
        String name = prefix + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        names.add(name);
        return name;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (String name : names) {
            CliRun.of("down", "--purge", "--target", "docker", "--name", name);
        }
        names.clear();
    }
}
