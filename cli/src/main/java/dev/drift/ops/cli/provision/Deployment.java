package dev.drift.ops.cli.provision;

import dev.drift.ops.config.DatabaseBackend;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A Drift that {@code up} started: what {@code status}, {@code down} and {@code logs} need to find
 * it again, kept as a properties file in the data directory. It holds no secret: the credentials
 * stay in their own 0600 file, named here.
 *
 * @param components processes the local target started (the docker target finds its containers by label)
 * @param instance   the docker target's instance name, or {@code namespace/name} of the k8s target's
 *                   DriftRegistry; empty for the local target
 */
public record Deployment(String target, DatabaseBackend backend, DataDir dataDir, String url, String user,
                         List<Component> components, String instance) {

    public Deployment {
        components = List.copyOf(components);
    }

    public Deployment(String target, DatabaseBackend backend, DataDir dataDir, String url, String user,
                      List<Component> components) {
        this(target, backend, dataDir, url, user, components, "");
    }

    /** A local deployment with nothing running: where a stopped one left its logs in {@code dataDir}. */
    public static Deployment nothingRecorded(DataDir dataDir) {
        return new Deployment(LocalProvisioner.TARGET, DatabaseBackend.SQLITE, dataDir, "-", Credentials.DEFAULT_USER,
                List.of());
    }

    public Optional<Component> component(String name) {
        return components.stream().filter(component -> component.name().equals(name)).findFirst();
    }

    public boolean anyRunning() {
        return components.stream().anyMatch(Component::isRunning);
    }

    /** Writes the state file, replacing an earlier one. */
    public void save() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("target", target);
        properties.setProperty("backend", backend.id());
        properties.setProperty("url", url);
        properties.setProperty("user", user);
        if (!instance.isEmpty()) {
            properties.setProperty("instance", instance);
        }
        properties.setProperty("components", String.join(",", components.stream().map(Component::name).toList()));
        for (Component component : components) {
            String prefix = "component." + component.name() + ".";
            properties.setProperty(prefix + "pid", Long.toString(component.pid()));
            properties.setProperty(prefix + "marker", component.marker());
            properties.setProperty(prefix + "endpoint", component.endpoint());
            properties.setProperty(prefix + "log", component.log().toString());
        }
        StringWriter text = new StringWriter();
        properties.store(text, "drift-ops state: what `drift-ops up` started here");
        Path temp = dataDir.state().resolveSibling(dataDir.state().getFileName() + ".tmp");
        Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
        Files.move(temp, dataDir.state(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The deployment recorded in {@code dataDir}, if there is one. */
    public static Optional<Deployment> load(DataDir dataDir) throws IOException {
        if (!Files.isRegularFile(dataDir.state())) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.state(), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        List<Component> components = new ArrayList<>();
        for (String name : Arrays.stream(properties.getProperty("components", "").split(","))
                .filter(name -> !name.isBlank()).toList()) {
            String prefix = "component." + name + ".";
            components.add(new Component(name,
                    Long.parseLong(required(properties, prefix + "pid", dataDir)),
                    required(properties, prefix + "marker", dataDir),
                    required(properties, prefix + "endpoint", dataDir),
                    Path.of(required(properties, prefix + "log", dataDir))));
        }
        return Optional.of(new Deployment(required(properties, "target", dataDir),
                DatabaseBackend.fromId(required(properties, "backend", dataDir)), dataDir,
                required(properties, "url", dataDir), required(properties, "user", dataDir), components,
                properties.getProperty("instance", "")));
    }

    /** Forgets the deployment (after everything in it stopped). */
    public void delete() throws IOException {
        Files.deleteIfExists(dataDir.state());
    }

    private static String required(Properties properties, String key, DataDir dataDir) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException(dataDir.state() + ": missing \"" + key + "\"; the file is damaged, "
                    + "stop what it started by hand and delete it");
        }
        return value;
    }
}
