package dev.drift.ops.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.cli.docker.ContainerSpec.ImageRef;
import dev.drift.ops.cli.docker.ContainerSpec.Mount;
import dev.drift.ops.cli.docker.ContainerSpec.PublishedPort;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DesiredInstanceTest {

    private static final ImageRef DRIFT = new ImageRef("drift:1", "sha256:aaa");
    private static final ImageRef POSTGRES = new ImageRef("postgres:17", "sha256:bbb");
    private static final ImageRef ZQLITE = new ImageRef("drift-zqlite:latest", "sha256:ccc");
    private static final Secret PASSWORD = Secret.of("s3cret/with+odd chars");

    @Test
    void sqliteIsOneRegistryContainerPublishedOnLoopbackOnly() {
        DesiredInstance desired = DesiredInstance.of(sqlite());
        assertThat(desired.network()).isEqualTo("drift-dev");
        assertThat(desired.volumes()).containsExactly("drift-dev-data");
        assertThat(desired.containers()).hasSize(1);
        ContainerSpec registry = desired.containers().getFirst();
        assertThat(registry.name()).isEqualTo("drift-dev-registry");
        assertThat(registry.network()).isEqualTo("drift-dev");
        assertThat(registry.published()).contains(new PublishedPort("127.0.0.1", 15000, 5000));
        assertThat(registry.command()).containsExactly("--config", "/etc/drift/drift.toml");
        assertThat(registry.mounts()).containsExactly(
                new Mount(Mount.Kind.BIND, "/data/drift.toml", "/etc/drift/drift.toml", true,
                        ContainerSpec.sha256("[server]\n")),
                Mount.volume("drift-dev-data", "/var/lib/drift"));
        assertThat(registry.env()).isEmpty();
        assertThat(registry.secrets()).isEmpty();
        assertThat(registry.labels()).containsEntry("dev.drift.ops.instance", "dev")
                .containsEntry("dev.drift.ops.component", "registry")
                .containsEntry("dev.drift.ops.config-hash", registry.configHash());
    }

    @Test
    void postgresRunsBeforeTheRegistryAndBothGetTheirSecretsAsFilesOnly() {
        Secret url = DesiredInstance.managedPostgresUrl("dev", PASSWORD);
        assertThat(url.reveal()).isEqualTo("postgres://drift:s3cret%2Fwith%2Bodd%20chars@drift-dev-postgres:5432/drift");
        DesiredInstance desired = DesiredInstance.of(postgres(url));

        assertThat(desired.volumes()).containsExactly("drift-dev-data", "drift-dev-postgres");
        assertThat(desired.containers()).extracting(ContainerSpec::name)
                .containsExactly("drift-dev-postgres", "drift-dev-registry");
        ContainerSpec postgres = desired.container("postgres").orElseThrow();
        assertThat(postgres.published()).isEmpty();
        assertThat(postgres.env()).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/postgres_password")
                .containsEntry("POSTGRES_USER", "drift").containsEntry("POSTGRES_DB", "drift");
        assertThat(postgres.secrets()).singleElement()
                .satisfies(secret -> assertThat(secret.owner()).isEqualTo("postgres"));
        assertThat(postgres.healthcheck()).hasValueSatisfying(check -> assertThat(check.test()).startsWith("pg_isready"));
        assertThat(postgres.mounts()).containsExactly(Mount.volume("drift-dev-postgres", "/var/lib/postgresql/data"));

        ContainerSpec registry = desired.container("registry").orElseThrow();
        assertThat(registry.env()).containsEntry("DRIFT_DATABASE_POSTGRES_URL_FILE", "/run/secrets/postgres_url");
        assertThat(registry.secrets()).singleElement().satisfies(secret -> {
            assertThat(secret.owner()).isEqualTo("10001");
            assertThat(secret.content()).isEqualTo(url);
        });
        for (ContainerSpec spec : desired.containers()) {
            String visible = String.join(" ", spec.envList()) + spec.command() + spec.labels() + spec.entrypoint() + spec;
            assertThat(visible).doesNotContain(PASSWORD.reveal(), "s3cret");
        }
    }

    @Test
    void zqliteRunsTheContractsServerCommandAndNothingElseUnderThatName() {
        DesiredInstance desired = DesiredInstance.of(new InstancePlan("dev", DatabaseBackend.ZQLITE, 15000, DRIFT,
                Optional.of(ZQLITE), Path.of("/data/drift.toml"), "[server]\n", Optional.empty(), Optional.empty()));
        ContainerSpec zqlite = desired.container("zqlite").orElseThrow();
        assertThat(zqlite.image()).isEqualTo(ZQLITE);
        assertThat(zqlite.entrypoint()).containsExactly("zqlite");
        assertThat(zqlite.command()).containsExactly("server", "--port", "5433", "--data-dir", "/var/lib/zqlite");
        assertThat(desired.volumes()).containsExactly("drift-dev-data", "drift-dev-zqlite");
        assertThat(DesiredInstance.managedZqliteUrl("dev")).isEqualTo("zqlite://drift-dev-zqlite:5433/drift");
    }

    @Test
    void anOperatorsDatabaseMeansNoBackendContainer() {
        DesiredInstance desired = DesiredInstance.of(new InstancePlan("dev", DatabaseBackend.POSTGRES, 15000, DRIFT,
                Optional.empty(), Path.of("/data/drift.toml"), "[server]\n", Optional.empty(),
                Optional.of(Secret.of("postgres://drift:pw@db.example:5432/drift"))));
        assertThat(desired.containers()).extracting(ContainerSpec::component).containsExactly("registry");
        assertThat(desired.volumes()).containsExactly("drift-dev-data");
    }

    @Test
    void theSameInputGivesTheSameHash() {
        assertThat(DesiredInstance.of(sqlite()).containers().getFirst().configHash())
                .isEqualTo(DesiredInstance.of(sqlite()).containers().getFirst().configHash())
                .hasSize(64);
    }

    @Test
    void everythingThatDefinesAContainerChangesItsHashAndOnlyItsOwn() {
        Secret url = DesiredInstance.managedPostgresUrl("dev", PASSWORD);
        DesiredInstance base = DesiredInstance.of(postgres(url));
        assertRegistryOnlyChanges(base, plan -> withConfig(plan, "[server]\nworkers = 3\n"));
        assertRegistryOnlyChanges(base, plan -> withPort(plan, 15001));
        assertRegistryOnlyChanges(base, plan -> withRegistryImage(plan, new ImageRef("drift:1", "sha256:new")));
        // A new password changes both: PostgreSQL's secret file and the URL Drift reads.
        DesiredInstance newPassword = DesiredInstance.of(new InstancePlan("dev", DatabaseBackend.POSTGRES, 15000, DRIFT,
                Optional.of(POSTGRES), Path.of("/data/drift.toml"), "[server]\n", Optional.of(Secret.of("other")),
                Optional.of(DesiredInstance.managedPostgresUrl("dev", Secret.of("other")))));
        assertThat(hash(newPassword, "postgres")).isNotEqualTo(hash(base, "postgres"));
        assertThat(hash(newPassword, "registry")).isNotEqualTo(hash(base, "registry"));
        DesiredInstance newPostgresImage = DesiredInstance.of(new InstancePlan("dev", DatabaseBackend.POSTGRES, 15000,
                DRIFT, Optional.of(new ImageRef("postgres:17", "sha256:rebuilt")), Path.of("/data/drift.toml"),
                "[server]\n", Optional.of(PASSWORD), Optional.of(url)));
        assertThat(hash(newPostgresImage, "postgres")).isNotEqualTo(hash(base, "postgres"));
        assertThat(hash(newPostgresImage, "registry")).isEqualTo(hash(base, "registry"));
    }

    private static void assertRegistryOnlyChanges(DesiredInstance base, UnaryOperator<InstancePlan> change) {
        Secret url = DesiredInstance.managedPostgresUrl("dev", PASSWORD);
        DesiredInstance changed = DesiredInstance.of(change.apply(postgres(url)));
        assertThat(hash(changed, "registry")).isNotEqualTo(hash(base, "registry"));
        assertThat(hash(changed, "postgres")).isEqualTo(hash(base, "postgres"));
    }

    private static String hash(DesiredInstance desired, String component) {
        return desired.container(component).orElseThrow().configHash();
    }

    private static InstancePlan sqlite() {
        return new InstancePlan("dev", DatabaseBackend.SQLITE, 15000, DRIFT, Optional.empty(),
                Path.of("/data/drift.toml"), "[server]\n", Optional.empty(), Optional.empty());
    }

    private static InstancePlan postgres(Secret url) {
        return new InstancePlan("dev", DatabaseBackend.POSTGRES, 15000, DRIFT, Optional.of(POSTGRES),
                Path.of("/data/drift.toml"), "[server]\n", Optional.of(PASSWORD), Optional.of(url));
    }

    private static InstancePlan withConfig(InstancePlan plan, String text) {
        return new InstancePlan(plan.instance(), plan.backend(), plan.port(), plan.registryImage(), plan.backendImage(),
                plan.configFile(), text, plan.postgresPassword(), plan.postgresUrl());
    }

    private static InstancePlan withPort(InstancePlan plan, int port) {
        return new InstancePlan(plan.instance(), plan.backend(), port, plan.registryImage(), plan.backendImage(),
                plan.configFile(), plan.configText(), plan.postgresPassword(), plan.postgresUrl());
    }

    private static InstancePlan withRegistryImage(InstancePlan plan, ImageRef image) {
        return new InstancePlan(plan.instance(), plan.backend(), plan.port(), image, plan.backendImage(),
                plan.configFile(), plan.configText(), plan.postgresPassword(), plan.postgresUrl());
    }
}
