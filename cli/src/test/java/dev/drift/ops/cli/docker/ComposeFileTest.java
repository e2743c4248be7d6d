package dev.drift.ops.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.Probe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compose/ as committed is what ComposeFile generates, and it deploys what the docker target deploys. */
class ComposeFileTest {

    /** Surefire runs in cli/, so the repository's compose/ folder is beside it. */
    private static final Path COMPOSE_DIR = Path.of("..", "compose");

    private final JsonNode compose = parse(read(COMPOSE_DIR.resolve(ComposeFile.FILE_NAME)));

    @Test
    void committedFilesAreTheGeneratedOnes() {
        String regenerate = "compose/ is out of date; regenerate it: "
                + "java -cp cli/target/drift-ops.jar dev.drift.ops.cli.docker.ComposeFile compose";
        assertThat(read(COMPOSE_DIR.resolve(ComposeFile.FILE_NAME))).as(regenerate).isEqualTo(ComposeFile.yaml());
        assertThat(read(COMPOSE_DIR.resolve(ComposeFile.CONFIG_FILE_NAME))).as(regenerate)
                .isEqualTo(ComposeFile.driftToml());
    }

    @Test
    void servicesAreTheDockerTargetsComponentsWithZqliteUnderItsProfile() {
        assertThat(names(compose.get("services")))
                .containsExactly(Layout.REGISTRY, Layout.POSTGRES, Layout.ZQLITE);
        assertThat(service(Layout.REGISTRY).has("profiles")).isFalse();
        assertThat(service(Layout.POSTGRES).has("profiles")).isFalse();
        assertThat(texts(service(Layout.ZQLITE).get("profiles"))).containsExactly(ComposeFile.ZQLITE_PROFILE);
        assertThat(texts(service(Layout.ZQLITE).get("entrypoint"))).containsExactly("zqlite");
        assertThat(texts(service(Layout.ZQLITE).get("command")))
                .containsExactly("server", "--port", "5433", "--data-dir", Layout.ZQLITE_DATA);
    }

    @Test
    void imagesDefaultToWhatDriftOpsDeploysAndAreOverridable() {
        assertThat(text(service(Layout.REGISTRY), "image")).isEqualTo("${DRIFT_IMAGE:-" + Images.drift() + "}");
        assertThat(text(service(Layout.POSTGRES), "image"))
                .isEqualTo("${" + Images.POSTGRES_ENV + ":-" + Images.POSTGRES_DEFAULT + "}")
                .isEqualTo("${DRIFT_POSTGRES_IMAGE:-postgres:17}");
        assertThat(text(service(Layout.ZQLITE), "image")).isEqualTo("${DRIFT_ZQLITE_IMAGE:-drift-zqlite:latest}");
    }

    @Test
    void onlyTheRegistryIsPublishedAndOnlyOnLoopback() {
        List<String> published = new ArrayList<>();
        compose.get("services").properties().forEach(service -> {
            if (service.getValue().has("ports")) {
                texts(service.getValue().get("ports")).forEach(port -> published.add(service.getKey() + " " + port));
            }
        });
        assertThat(published).containsExactly("registry 127.0.0.1:${DRIFT_PORT:-5000}:" + Layout.REGISTRY_PORT);
    }

    @Test
    void dataLivesInNamedVolumesAndTheConfigIsMountedReadOnly() {
        assertThat(names(compose.get("volumes"))).containsExactly("registry-data", "postgres-data", "zqlite-data");
        assertThat(texts(service(Layout.REGISTRY).get("volumes"))).containsExactly(
                "./drift.toml:" + Layout.CONFIG_PATH + ":ro", "registry-data:" + Layout.REGISTRY_DATA);
        assertThat(texts(service(Layout.POSTGRES).get("volumes")))
                .containsExactly("postgres-data:" + Layout.POSTGRES_DATA);
        assertThat(texts(service(Layout.ZQLITE).get("volumes")))
                .containsExactly("zqlite-data:" + Layout.ZQLITE_DATA);
    }

    @Test
    void secretsAreFilesNeverEnvironmentValues() {
        assertThat(text(compose.get("secrets").get(Layout.POSTGRES_PASSWORD_SECRET), "file"))
                .isEqualTo("./secrets/" + Layout.POSTGRES_PASSWORD_SECRET);
        assertThat(text(compose.get("secrets").get(Layout.POSTGRES_URL_SECRET), "file"))
                .isEqualTo("./secrets/" + Layout.POSTGRES_URL_SECRET);

        assertThat(environment(Layout.REGISTRY)).containsExactly(
                Map.entry("DRIFT_DATABASE_BACKEND", "${DRIFT_DATABASE_BACKEND:-postgres}"),
                Map.entry("DRIFT_DATABASE_POSTGRES_URL_FILE", "/run/secrets/" + Layout.POSTGRES_URL_SECRET),
                Map.entry(JvmOptions.LAUNCHER_ENV, JvmOptions.joined("${" + JvmOptions.USER_ENV + ":-}")));
        assertThat(texts(service(Layout.REGISTRY).get("secrets"))).containsExactly(Layout.POSTGRES_URL_SECRET);
        assertThat(environment(Layout.POSTGRES)).containsOnly(
                Map.entry("POSTGRES_DB", Layout.POSTGRES_DB),
                Map.entry("POSTGRES_USER", Layout.POSTGRES_USER),
                Map.entry("POSTGRES_PASSWORD_FILE", "/run/secrets/" + Layout.POSTGRES_PASSWORD_SECRET),
                Map.entry("PGDATA", Layout.POSTGRES_DATA));
        assertThat(texts(service(Layout.POSTGRES).get("secrets")))
                .containsExactly(Layout.POSTGRES_PASSWORD_SECRET);
        compose.get("services").properties().forEach(service -> {
            if (service.getValue().has("environment")) {
                assertThat(names(service.getValue().get("environment")))
                        .filteredOn(name -> name.contains("PASSWORD") || name.contains("URL"))
                        .as(service.getKey() + ": secrets only as _FILE variables")
                        .allMatch(name -> name.endsWith("_FILE"));
            }
        });
    }

    @Test
    void everyServiceHasAHealthcheckAndDriftWaitsForPostgres() {
        compose.get("services").properties().forEach(service ->
                assertThat(service.getValue().get("healthcheck").get("test").get(0).asText())
                        .as(service.getKey()).isEqualTo("CMD"));
        assertThat(texts(service(Layout.POSTGRES).get("healthcheck").get("test")))
                .startsWith("CMD", "pg_isready").contains(Layout.POSTGRES_USER);
        assertThat(texts(service(Layout.ZQLITE).get("healthcheck").get("test")))
                .containsExactly("CMD", "zqlite", "ping");
        // Compose would read $status as one of its variables; $$ passes a single $ to bash.
        assertThat(texts(service(Layout.REGISTRY).get("healthcheck").get("test")))
                .containsExactly("CMD", "bash", "-c", Probe.httpGet("/readyz", 5000).asCommand().get(2).replace("$", "$$"))
                .anySatisfy(part -> assertThat(part).contains("/readyz").contains("$$status").doesNotContain(" $status"));
        assertThat(text(service(Layout.REGISTRY).get("depends_on").get(Layout.POSTGRES), "condition"))
                .isEqualTo("service_healthy");
    }

    @Test
    void theMountedConfigChoosesPostgresAndTakesItsUrlFromTheSecretFile(@TempDir Path dir) throws Exception {
        String toml = read(COMPOSE_DIR.resolve(ComposeFile.CONFIG_FILE_NAME));
        String url = "postgres://drift:s3cret-pw@postgres:5432/drift";
        Path secret = Files.writeString(dir.resolve(Layout.POSTGRES_URL_SECRET), url + "\n");

        DriftConfig postgres = DriftConfig.parse(toml, "compose/drift.toml",
                Map.of("DRIFT_DATABASE_POSTGRES_URL_FILE", secret.toString()));
        assertThat(postgres.database().backend()).isEqualTo(DatabaseBackend.POSTGRES);
        assertThat(postgres.database().postgresUrl().reveal()).isEqualTo(url);
        assertThat(postgres.server().bindAddr()).isEqualTo("0.0.0.0:" + Layout.REGISTRY_PORT);
        assertThat(postgres.storage().path()).isEqualTo(Path.of(Layout.REGISTRY_DATA, "blobs"));

        DriftConfig zqlite = DriftConfig.parse(toml, "compose/drift.toml",
                Map.of("DRIFT_DATABASE_POSTGRES_URL_FILE", secret.toString(), "DRIFT_DATABASE_BACKEND", "zqlite"));
        assertThat(zqlite.database().backend()).isEqualTo(DatabaseBackend.ZQLITE);
        assertThat(zqlite.database().zqliteUrl()).isEqualTo("zqlite://zqlite:5433/drift");

        assertThat(toml).doesNotContain("s3cret").contains("postgres_url = \"\"");
    }

    private JsonNode service(String name) {
        return compose.get("services").get(name);
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        service(service).get("environment").properties()
                .forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }

    private static JsonNode parse(String yaml) {
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (Exception e) {
            throw new AssertionError("compose file is not YAML: " + e.getMessage(), e);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asText();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }
}
