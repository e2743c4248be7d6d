package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;

class RenderTest {

    static final String KEY_32 = "0123456789abcdef0123456789abcdef";

    /** Every key set to something other than its default. */
    static DriftConfig fullyPopulated() {
        return new DriftConfig(
                new ServerConfig("127.0.0.1:6000", "[::1]:6001", 7, 250),
                new AuthConfig("basic", Secret.of("jwt-\"quoted\"-secret"), 12, List.of(
                        new BasicUser("admin", Secret.of("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")),
                        new BasicUser("ci", Secret.of("plain:text\\pw")))),
                new StorageConfig("fs", Path.of("/srv/drift blobs")),
                new DatabaseConfig(DatabaseBackend.ZQLITE, Path.of("/data/drift.db"),
                        Secret.of("postgresql://drift:p%40ss@db.internal:5433/drift?sslmode=require"),
                        "zqlite://zqlite:5433/drift", new ZqliteConfig(true, Secret.of(KEY_32), true, true)),
                new RegistryConfig(2048, 500, List.of("release", "prod"), 3),
                new BoltConfig(false, false, true, "https://bolt.example.test"),
                new LoggingConfig("debug", "json"),
                new MetricsConfig(false, "/internal/metrics"));
    }

    @Test
    void defaultsRoundTrip() throws ConfigException {
        DriftConfig defaults = DriftConfig.defaults();
        assertThat(reparse(defaults.render())).isEqualTo(defaults);
    }

    @Test
    void fullyPopulatedConfigRoundTrips() throws ConfigException {
        DriftConfig config = fullyPopulated();
        assertThat(reparse(config.render())).isEqualTo(config);
    }

    @Test
    void emptyFileMeansDefaults() throws ConfigException {
        assertThat(reparse("")).isEqualTo(DriftConfig.defaults());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        DriftConfig d = DriftConfig.defaults();
        assertThat(d.server()).isEqualTo(new ServerConfig("0.0.0.0:5000", "0.0.0.0:5001",
                Runtime.getRuntime().availableProcessors(), 1000));
        assertThat(d.auth()).isEqualTo(new AuthConfig("none", Secret.of(""), 24, List.of()));
        assertThat(d.storage()).isEqualTo(new StorageConfig("fs", Path.of("/var/lib/drift")));
        assertThat(d.database().backend()).isEqualTo(DatabaseBackend.SQLITE);
        assertThat(d.database().sqlitePath()).isEqualTo(Path.of("/var/lib/drift/drift.db"));
        assertThat(d.database().zqlite()).isEqualTo(new ZqliteConfig(false, Secret.of(""), false, false));
        // A 2 GiB layer must fit.
        assertThat(d.registry().maxUploadSizeMb()).isEqualTo(10240).isGreaterThanOrEqualTo(2048);
        assertThat(d.registry()).isEqualTo(new RegistryConfig(10240, 0, List.of(), 0));
        assertThat(d.bolt()).isEqualTo(new BoltConfig(true, true, false, ""));
        assertThat(d.logging()).isEqualTo(new LoggingConfig("info", "pretty"));
        assertThat(d.metrics()).isEqualTo(new MetricsConfig(true, "/metrics"));
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void renderIsDeterministicWithFixedSectionOrder() {
        String text = fullyPopulated().render();
        assertThat(fullyPopulated().render()).isEqualTo(text);
        List<String> headers = text.lines().filter(line -> line.startsWith("[")).toList();
        assertThat(headers).containsExactly("[server]", "[auth]", "[auth.basic]", "[storage]", "[database]",
                "[database.zqlite]", "[registry]", "[bolt]", "[logging]", "[metrics]");
        assertThat(text).contains("[server]\nbind_addr = \"127.0.0.1:6000\"\nui_addr = \"[::1]:6001\"\n"
                + "workers = 7\nmax_connections = 250\n");
    }

    @Test
    void renderIsValidToml() {
        assertThat(Toml.parse(fullyPopulated().render()).errors()).isEmpty();
        assertThat(Toml.parse(fullyPopulated().renderRedacted()).errors()).isEmpty();
    }

    /**
     * Property: any string values, however awkward (quotes, backslashes, control characters,
     * non-ASCII), survive render and parse unchanged. Seeded so a failure reproduces.
     */
    @Test
    void arbitraryStringsRoundTrip() throws ConfigException {
        Random random = new Random(20261128);
        DriftConfig base = DriftConfig.defaults();
        for (int i = 0; i < 300; i++) {
            DriftConfig config = new DriftConfig(base.server(),
                    new AuthConfig("basic", Secret.of(awkward(random)), 1,
                            List.of(new BasicUser("u" + awkward(random).replace(":", ""), Secret.of("x" + awkward(random))))),
                    new StorageConfig("fs", Path.of("/p/" + awkward(random))),
                    new DatabaseConfig(DatabaseBackend.SQLITE, Path.of("/d/" + awkward(random)), Secret.of(""), "",
                            new ZqliteConfig(false, Secret.of(awkward(random)), false, false)),
                    new RegistryConfig(1, 0, List.of("t" + awkward(random)), 0),
                    base.bolt(), base.logging(), base.metrics());
            assertThat(reparse(config.render())).as("iteration %d", i).isEqualTo(config);
        }
    }

    private static String awkward(Random random) {
        String alphabet = "ab\"\\\n\t\r\b\f\u0001\u001f\u007f é€😀'$#[]=,:";
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(12);
        List<Integer> codePoints = new ArrayList<>(alphabet.codePoints().boxed().toList());
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(codePoints.get(random.nextInt(codePoints.size())));
        }
        return out.toString();
    }

    @Test
    void renderIncludesSecretsForTheConfigFile() {
        String text = fullyPopulated().render();
        assertThat(text).contains(KEY_32, "jwt-\\\"quoted\\\"-secret", "\"ci:plain:text\\\\pw\"",
                "postgresql://drift:p%40ss@db.internal");
    }

    private static DriftConfig reparse(String toml) throws ConfigException {
        return DriftConfig.parse(toml, "rendered.toml", Map.of());
    }
}
