package dev.drift.ops.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.docker.ContainerSpec.ImageRef;
import dev.drift.ops.cli.docker.ContainerSpec.Mount;
import dev.drift.ops.cli.docker.ContainerSpec.PublishedPort;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.BlobStorage;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.InstanceRequest;
import dev.drift.ops.deploy.JvmOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredInstanceTest {

    private static final ImageRef DRIFT = new ImageRef("drift:1", "sha256:aaa");
    private static final ImageRef POSTGRES = new ImageRef("postgres:17", "sha256:bbb");
    private static final ImageRef ZQLITE = new ImageRef("drift-zqlite:latest", "sha256:ccc");
    private static final Secret PASSWORD = Secret.of("s3cret/with+odd chars");
    private static final Secret USERS = Secret.of("drift:$2a$10$" + "x".repeat(53));

    @Test
    void sqliteIsOneRegistryContainerPublishedOnLoopbackOnly() {
        DesiredInstance desired = DesiredInstance.of(plan(DatabaseBackend.SQLITE, Optional.empty(), 15000, DRIFT, Map.of()));
        assertThat(desired.network()).isEqualTo("drift-dev");
        assertThat(desired.volumes()).containsExactly("drift-dev-data");
        assertThat(desired.containers()).hasSize(1);
        ContainerSpec registry = desired.containers().getFirst();
        assertThat(registry.name()).isEqualTo("drift-dev-registry");
        assertThat(registry.network()).isEqualTo("drift-dev");
        assertThat(registry.published()).contains(new PublishedPort("127.0.0.1", 15000, 5000));
        assertThat(registry.command()).containsExactly("--config", "/etc/drift/drift.toml");
        assertThat(registry.mounts()).extracting(Mount::target).containsExactly("/etc/drift/drift.toml", "/var/lib/drift");
        assertThat(registry.mounts().getFirst().readOnly()).isTrue();
        assertThat(registry.env()).containsOnlyKeys("DRIFT_AUTH_BASIC_USERS_FILE", JvmOptions.LAUNCHER_ENV);
        assertThat(registry.secrets()).singleElement().satisfies(secret -> {
            assertThat(secret.name()).isEqualTo("basic_users");
            assertThat(secret.content()).isEqualTo(USERS);
            assertThat(secret.owner()).isEqualTo("10001");
        });
        assertThat(registry.healthcheck()).hasValueSatisfying(probe -> assertThat(probe.httpPath()).contains("/readyz"));
        assertThat(registry.labels()).containsEntry("dev.drift.ops.instance", "dev")
                .containsEntry("dev.drift.ops.component", "registry")
                .containsEntry("dev.drift.ops.config-hash", registry.configHash());
    }

    @Test
    void postgresRunsBeforeTheRegistryAndBothGetTheirSecretsAsFilesOnly() {
        DesiredInstance desired = DesiredInstance.of(postgres(PASSWORD, POSTGRES, USERS));
        assertThat(desired.volumes()).containsExactly("drift-dev-data", "drift-dev-postgres");
        assertThat(desired.containers()).extracting(ContainerSpec::name)
                .containsExactly("drift-dev-postgres", "drift-dev-registry");
        ContainerSpec postgres = desired.container("postgres").orElseThrow();
        assertThat(postgres.published()).isEmpty();
        assertThat(postgres.env()).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/postgres_password")
                .containsEntry("POSTGRES_USER", "drift").containsEntry("POSTGRES_DB", "drift");
        assertThat(postgres.secrets()).singleElement().satisfies(secret -> {
            assertThat(secret.owner()).isEqualTo("postgres");
            assertThat(secret.content()).isEqualTo(PASSWORD);
        });
        assertThat(postgres.healthcheck()).hasValueSatisfying(check -> assertThat(check.asCommand()).startsWith("pg_isready"));
        assertThat(postgres.mounts()).containsExactly(Mount.volume("drift-dev-postgres", "/var/lib/postgresql/data"));

        ContainerSpec registry = desired.container("registry").orElseThrow();
        assertThat(registry.env()).containsEntry("DRIFT_DATABASE_POSTGRES_URL_FILE", "/run/secrets/postgres_url");
        assertThat(registry.secrets()).anySatisfy(secret -> {
            assertThat(secret.name()).isEqualTo("postgres_url");
            assertThat(secret.content().reveal()).isEqualTo("postgres://drift:s3cret%2Fwith%2Bodd%20chars@drift-dev-postgres:5432/drift");
        });
        for (ContainerSpec spec : desired.containers()) {
            String visible = String.join(" ", spec.envList()) + spec.command() + spec.labels() + spec.entrypoint() + spec;
            assertThat(visible).doesNotContain(PASSWORD.reveal(), "s3cret", "$2a$");
        }
    }

    @Test
    void zqliteRunsTheContractsServerCommandAndNothingElseUnderThatName() {
        DesiredInstance desired = DesiredInstance.of(plan(DatabaseBackend.ZQLITE, Optional.of(ZQLITE), 15000, DRIFT, Map.of()));
        ContainerSpec zqlite = desired.container("zqlite").orElseThrow();
        assertThat(zqlite.image()).isEqualTo(ZQLITE);
        assertThat(zqlite.entrypoint()).containsExactly("zqlite");
        assertThat(zqlite.command()).containsExactly("server", "--port", "5433", "--data-dir", "/var/lib/zqlite");
        assertThat(desired.volumes()).containsExactly("drift-dev-data", "drift-dev-zqlite");
    }

    @Test
    void anOperatorsDatabaseMeansNoBackendContainer() {
        DesiredInstance desired = DesiredInstance.of(plan(DatabaseBackend.POSTGRES, Optional.empty(), 15000, DRIFT,
                Map.of("postgres_url", Secret.of("postgres://drift:pw@db.example:5432/drift"))));
        assertThat(desired.containers()).extracting(ContainerSpec::component).containsExactly("registry");
        assertThat(desired.volumes()).containsExactly("drift-dev-data");
    }

    @Test
    void theSameInputGivesTheSameHash() {
        assertThat(hash(DesiredInstance.of(postgres(PASSWORD, POSTGRES, USERS)), "registry"))
                .isEqualTo(hash(DesiredInstance.of(postgres(PASSWORD, POSTGRES, USERS)), "registry"))
                .hasSize(64);
    }

    @Test
    void everythingThatDefinesAContainerChangesItsHashAndOnlyItsOwn() {
        DesiredInstance base = DesiredInstance.of(postgres(PASSWORD, POSTGRES, USERS));
        DesiredInstance newLogin = DesiredInstance.of(postgres(PASSWORD, POSTGRES, Secret.of("drift:$2a$10$" + "y".repeat(53))));
        assertRegistryOnlyChanged(base, newLogin);
        assertRegistryOnlyChanged(base, DesiredInstance.of(plan(DatabaseBackend.POSTGRES, Optional.of(POSTGRES), 15001,
                DRIFT, postgresSecrets(PASSWORD, USERS))));
        assertRegistryOnlyChanged(base, DesiredInstance.of(plan(DatabaseBackend.POSTGRES, Optional.of(POSTGRES), 15000,
                new ImageRef("drift:1", "sha256:new"), postgresSecrets(PASSWORD, USERS))));
        // A new password changes both: PostgreSQL's secret file and the URL Drift reads.
        DesiredInstance newPassword = DesiredInstance.of(postgres(Secret.of("other"), POSTGRES, USERS));
        assertThat(hash(newPassword, "postgres")).isNotEqualTo(hash(base, "postgres"));
        assertThat(hash(newPassword, "registry")).isNotEqualTo(hash(base, "registry"));
        DesiredInstance newPostgresImage = DesiredInstance.of(postgres(PASSWORD, new ImageRef("postgres:17", "sha256:rebuilt"), USERS));
        assertThat(hash(newPostgresImage, "postgres")).isNotEqualTo(hash(base, "postgres"));
        assertThat(hash(newPostgresImage, "registry")).isEqualTo(hash(base, "registry"));
    }

    private static void assertRegistryOnlyChanged(DesiredInstance base, DesiredInstance changed) {
        assertThat(hash(changed, "registry")).isNotEqualTo(hash(base, "registry"));
        assertThat(hash(changed, "postgres")).isEqualTo(hash(base, "postgres"));
    }

    private static String hash(DesiredInstance desired, String component) {
        return desired.container(component).orElseThrow().configHash();
    }

    private static InstancePlan postgres(Secret password, ImageRef postgres, Secret users) {
        return plan(DatabaseBackend.POSTGRES, Optional.of(postgres), 15000, DRIFT, postgresSecrets(password, users));
    }

    private static Map<String, Secret> postgresSecrets(Secret password, Secret users) {
        DriftInstance model = model(DatabaseBackend.POSTGRES, Optional.of(POSTGRES));
        return Map.of("postgres_password", password, "postgres_url", model.managedPostgresUrl(password),
                "basic_users", users);
    }

    private static InstancePlan plan(DatabaseBackend backend, Optional<ImageRef> backendImage, int port, ImageRef drift,
                                     Map<String, Secret> secrets) {
        Map<String, Secret> all = new HashMap<>(Map.of("basic_users", USERS));
        all.putAll(secrets);
        Map<String, String> ids = new HashMap<>(Map.of(drift.name(), drift.id()));
        backendImage.ifPresent(image -> ids.put(image.name(), image.id()));
        return new InstancePlan(model(backend, backendImage), port, ids, Path.of("/data/drift.toml"), all);
    }

    private static DriftInstance model(DatabaseBackend backend, Optional<ImageRef> backendImage) {
        return DriftInstance.of(new InstanceRequest("dev", backend, DRIFT.name(), backendImage.map(ImageRef::name),
                Optional.empty(), InstanceRequest.Hosts.OBJECT_NAMES, true));
    }

    @Test
    void replicasOfAStatelessRegistryArePublishedSideBySideWithNoVolumeAndTheirS3KeysAsFiles() {
        ImageRef seaweedFs = new ImageRef("drift-seaweedfs:latest", "sha256:ddd");
        DriftInstance model = DriftInstance.of(new InstanceRequest("dev", DatabaseBackend.POSTGRES, DRIFT.name(),
                Optional.of(POSTGRES.name()), Optional.empty(), InstanceRequest.Hosts.OBJECT_NAMES, true, "",
                new BlobStorage.OwnSeaweedFs(seaweedFs.name()), 3));
        Map<String, Secret> secrets = new HashMap<>(postgresSecrets(PASSWORD, USERS));
        secrets.putAll(Map.of("s3_access_key", Secret.of("AK"), "s3_secret_key", Secret.of("SK"),
                "s3_identities", Secret.of("{}")));
        DesiredInstance desired = DesiredInstance.of(new InstancePlan(model, 15000,
                Map.of(DRIFT.name(), DRIFT.id(), POSTGRES.name(), POSTGRES.id(), seaweedFs.name(), seaweedFs.id()),
                Path.of("/data/drift.toml"), secrets));

        assertThat(desired.containers()).extracting(ContainerSpec::name).containsExactly("drift-dev-postgres",
                "drift-dev-seaweedfs", "drift-dev-registry", "drift-dev-registry-2", "drift-dev-registry-3");
        assertThat(desired.volumes()).containsExactly("drift-dev-postgres", "drift-dev-seaweedfs");
        assertThat(desired.urls()).isEqualTo("http://127.0.0.1:15000,http://127.0.0.1:15001,http://127.0.0.1:15002");
        for (ContainerSpec registry : desired.containers().subList(2, 5)) {
            assertThat(registry.labels()).containsEntry("dev.drift.ops.component", "registry");
            assertThat(registry.mounts()).extracting(Mount::target).containsExactly("/etc/drift/drift.toml");
            assertThat(registry.secrets()).extracting(ContainerSpec.SecretFile::name)
                    .contains("s3_access_key", "s3_secret_key");
            assertThat(registry.env().values()).noneMatch(value -> value.contains("AK") || value.contains("SK"));
        }
        ContainerSpec s3 = desired.container("seaweedfs").orElseThrow();
        assertThat(s3.published()).as("reached by the registry alone").isEmpty();
        assertThat(s3.secrets()).extracting(ContainerSpec.SecretFile::name).containsExactly("s3_identities");
        assertThat(s3.mounts()).extracting(Mount::target).containsExactly("/var/lib/seaweedfs");
    }
}
