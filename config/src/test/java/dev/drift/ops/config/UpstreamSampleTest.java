package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample drift.toml of upstream Drift must work here unchanged. */
class UpstreamSampleTest {

    @Test
    void upstreamSampleParsesWithWarnings() throws Exception {
        DriftConfig config = DriftConfig.load(resource("upstream-drift.toml"), Map.of());

        assertThat(config.server().workers()).isEqualTo(4);
        assertThat(config.auth().mode()).isEqualTo("basic");
        assertThat(config.auth().basicUsers()).extracting(BasicUser::name)
                .containsExactly("admin", "ci", "developer");
        assertThat(config.database().backend()).isEqualTo(DatabaseBackend.SQLITE);
        assertThat(config.registry()).isEqualTo(new RegistryConfig(1000, 1000, List.of("release", "prod", "stable"), 7));
        assertThat(config.logging().format()).isEqualTo("json");
        assertThat(config.warnings()).containsExactly(
                "[auth.basic] users: user 'admin' has a plain-text password; use a bcrypt hash",
                "[auth.basic] users: user 'ci' has a plain-text password; use a bcrypt hash",
                "[auth.basic] users: user 'developer' has a plain-text password; use a bcrypt hash",
                "[auth] jwt_secret: only used with mode = \"token\"; mode is \"basic\"",
                "[ghostbay] enable_s3_compat, storage_engine, max_object_size_gb: "
                        + "upstream Drift settings this server ignores");
    }

    @Test
    void commentedUpstreamSectionsAreKnownButIgnored() throws Exception {
        DriftConfig config = DriftConfig.load(resource("upstream-drift-all-sections.toml"), Map.of());

        assertThat(config.warnings()).contains(
                "[auth.oidc] issuer, client_id, client_secret: upstream Drift settings this server ignores",
                "[storage.s3]: only used with [storage] backend = \"s3\"; backend is \"fs\"",
                "[storage.ghostbay] endpoint, bucket: upstream Drift settings this server ignores",
                "[tls] cert_file, key_file: upstream Drift settings this server ignores");
        assertThat(String.join("\n", config.warnings())).doesNotContain("your-oidc-client-secret", "driftpass123");
        assertThat(config.renderRedacted()).doesNotContain("[tls]", "[ghostbay]", "client_secret");
    }

    @Test
    void ignoredUpstreamKeysStillHaveTheirTypesChecked() throws Exception {
        ConfigException error = ConfigErrors.parseError("[tls]\ncert_file = 42\n");
        assertThat(error).satisfies(ConfigErrors.namesKeyAndLine("tls.cert_file", 2));
    }

    @Test
    void unknownKeyInAnUpstreamSectionIsStillAnError() {
        ConfigException error = ConfigErrors.parseError("[ghostbay]\nreplicas = 3\n");
        assertThat(error).satisfies(ConfigErrors.namesKeyAndLine("ghostbay.replicas", 2));
    }

    @Test
    void renderedUpstreamSampleKeepsEverythingThisServerUses() throws Exception {
        DriftConfig config = DriftConfig.load(resource("upstream-drift.toml"), Map.of());
        DriftConfig reparsed = DriftConfig.parse(config.render(), "rendered.toml", Map.of());
        assertThat(reparsed.ignoredKeys()).isEmpty();
        assertThat(new DriftConfig(reparsed.server(), reparsed.auth(), reparsed.storage(), reparsed.database(),
                reparsed.registry(), reparsed.bolt(), reparsed.logging(), reparsed.metrics(), config.ignoredKeys()))
                .isEqualTo(config);
    }

    @Test
    void missingFileIsAConfigError() {
        Path missing = Path.of("/nonexistent/drift.toml");
        ConfigException error = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> DriftConfig.load(missing, Map.of()));
        assertThat(error.getMessage()).startsWith("/nonexistent/drift.toml: cannot read");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(UpstreamSampleTest.class.getResource("/" + name).toURI());
    }
}
