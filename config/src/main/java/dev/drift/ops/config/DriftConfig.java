package dev.drift.ops.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole drift.toml. Build one with {@link #load}, {@link #parse} or {@link #defaults}; every
 * instance those return is valid. Secrets are {@link Secret}s, so printing a config is safe.
 *
 * @param ignoredKeys dotted names of upstream Drift keys the file set that this server accepts
 *                    but does not use (e.g. {@code tls.cert_file}); reported by {@link #warnings()}
 */
public record DriftConfig(ServerConfig server, AuthConfig auth, StorageConfig storage, DatabaseConfig database,
                          RegistryConfig registry, BoltConfig bolt, LoggingConfig logging, MetricsConfig metrics,
                          List<String> ignoredKeys) {

    public DriftConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(bolt, "bolt");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(metrics, "metrics");
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    /** A config with no ignored upstream keys. Not validated: prefer {@link #defaults()} and {@link #with}. */
    public DriftConfig(ServerConfig server, AuthConfig auth, StorageConfig storage, DatabaseConfig database,
                       RegistryConfig registry, BoltConfig bolt, LoggingConfig logging, MetricsConfig metrics) {
        this(server, auth, storage, database, registry, bolt, logging, metrics, List.of());
    }

    /** Reads {@code file}, applies {@code DRIFT_*} overrides from {@code env}, and validates. */
    public static DriftConfig load(Path file, Map<String, String> env) throws ConfigException {
        String toml;
        try {
            toml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e, "", 0);
        }
        return parse(toml, file.toString(), env);
    }

    /**
     * Parses drift.toml text, applies {@code DRIFT_*} overrides from {@code env} (before
     * validation, so a backend and its URL may both come from the environment), and validates.
     *
     * @param sourceName what error messages call the text, e.g. {@code drift.toml}
     */
    public static DriftConfig parse(String toml, String sourceName, Map<String, String> env) throws ConfigException {
        Settings settings = Settings.from(defaults(), Origin.inherited(sourceName));
        TomlReader.read(toml, sourceName, settings);
        EnvironmentOverrides.apply(env, settings);
        return ConfigAssembler.assemble(settings);
    }

    /** The config an empty drift.toml means. */
    public static DriftConfig defaults() {
        return new DriftConfig(
                new ServerConfig("0.0.0.0:5000", "0.0.0.0:5001", Runtime.getRuntime().availableProcessors(), 1000),
                new AuthConfig("none", Secret.of(""), 24, List.of()),
                new StorageConfig("fs", Path.of("/var/lib/drift"), S3Config.DEFAULTS),
                new DatabaseConfig(DatabaseBackend.SQLITE, Path.of("/var/lib/drift/drift.db"), Secret.of(""), "",
                        new ZqliteConfig(false, Secret.of(""), false, false)),
                // 10 GiB: large image layers (2 GiB and more) must fit.
                new RegistryConfig(10240, 0, List.of(), 0),
                new BoltConfig(true, true, false, ""),
                new LoggingConfig("info", "pretty"),
                new MetricsConfig(true, "/metrics"));
    }

    /** The full drift.toml including secrets; for a file only its owner can read. */
    public String render() {
        return ConfigRenderer.render(this, false);
    }

    /** The same text with every secret replaced by {@code ********}, for terminals and logs. */
    public String renderRedacted() {
        return ConfigRenderer.render(this, true);
    }

    /** Settings that work but deserve attention: plain-text passwords, ignored upstream keys. */
    public List<String> warnings() {
        return ConfigWarnings.of(this);
    }

    /**
     * This config with one key changed, as {@code drift-ops --set database.backend=postgres}
     * does. The value is read per the key's type (integers, {@code true}/{@code false},
     * comma-separated lists) and the result is validated as a whole.
     */
    public DriftConfig with(String dottedKey, String value) throws ConfigException {
        Origin origin = Origin.commandLine(dottedKey);
        ConfigKey key = ConfigKeys.used(dottedKey)
                .orElseThrow(() -> new ConfigException(origin.where() + ": unknown key", dottedKey, 0));
        Settings settings = Settings.from(this, Origin.inherited("current configuration"));
        settings.set(key, TextValue.parse(key, value, origin), origin);
        return ConfigAssembler.assemble(settings);
    }
}
