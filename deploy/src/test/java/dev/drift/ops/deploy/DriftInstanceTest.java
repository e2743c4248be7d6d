package dev.drift.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.InstanceRequest.Hosts;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftInstanceTest {

    private static InstanceRequest request(DatabaseBackend backend, Optional<String> backendImage, Hosts hosts) {
        return new InstanceRequest("dev", backend, "drift:1", backendImage, Optional.empty(), hosts, true);
    }

    @Test
    void sqliteIsOneRegistryWhoseLoginComesAsAFile() throws Exception {
        DriftInstance instance = DriftInstance.of(request(DatabaseBackend.SQLITE, Optional.empty(), Hosts.OBJECT_NAMES));
        assertThat(instance.components()).extracting(DriftComponent::name).containsExactly("registry");
        DriftComponent registry = instance.registry();
        assertThat(registry.objectName()).isEqualTo("drift-dev-registry");
        assertThat(registry.port()).isEqualTo(5000);
        assertThat(registry.dataPath()).isEqualTo("/var/lib/drift");
        assertThat(registry.args()).containsExactly("--config", "/etc/drift/drift.toml");
        assertThat(registry.env()).containsExactly(Map.entry("DRIFT_AUTH_BASIC_USERS_FILE", "/run/secrets/basic_users"),
                Map.entry("JDK_JAVA_OPTIONS", String.join(" ", JvmOptions.DEFAULTS)));
        assertThat(registry.secrets()).containsExactly(new SecretFile("basic_users", "10001"));
        assertThat(registry.liveness()).isEqualTo(Probe.httpGet("/health", 5000));
        assertThat(registry.readiness()).isEqualTo(Probe.httpGet("/readyz", 5000));
        assertThat(registry.runAsUser()).contains(10001);

        String toml = registry.config().orElseThrow().text();
        assertThat(toml).doesNotContain("$2").doesNotContain("users = [\"");
        DriftConfig loaded = DriftConfig.parse(toml, "drift.toml", Map.of("DRIFT_AUTH_BASIC_USERS",
                "drift:$2a$10$" + "b".repeat(53)));
        assertThat(loaded.auth().mode()).isEqualTo("basic");
        assertThat(loaded.server().bindAddr()).isEqualTo("0.0.0.0:5000");
        assertThat(loaded.storage().path()).hasToString("/var/lib/drift/blobs");
        assertThat(loaded.database().sqlitePath()).hasToString("/var/lib/drift/drift.db");
    }

    @Test
    void theUsersJavaOptionsComeAfterTheDefaultsInTheRegistrysEnvironmentAlone() {
        DriftInstance instance = DriftInstance.of(new InstanceRequest("dev", DatabaseBackend.POSTGRES, "drift:1",
                Optional.of("postgres:17"), Optional.empty(), Hosts.OBJECT_NAMES, true, "  -Xmx300m -Dx=1 "));

        assertThat(instance.registry().env().get("JDK_JAVA_OPTIONS"))
                .isEqualTo(String.join(" ", JvmOptions.DEFAULTS) + " -Xmx300m -Dx=1");
        assertThat(instance.component("postgres").orElseThrow().env()).doesNotContainKey("JDK_JAVA_OPTIONS");
    }

    @Test
    void managedPostgresStartsFirstAndEveryPasswordTravelsAsAFile() {
        DriftInstance instance = DriftInstance.of(request(DatabaseBackend.POSTGRES, Optional.of("postgres:17"),
                Hosts.OBJECT_NAMES));
        assertThat(instance.components()).extracting(DriftComponent::objectName)
                .containsExactly("drift-dev-postgres", "drift-dev-registry");
        DriftComponent postgres = instance.component("postgres").orElseThrow();
        assertThat(postgres.env()).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/postgres_password")
                .containsEntry("PGDATA", "/var/lib/postgresql/data");
        assertThat(postgres.readiness().command()).startsWith("pg_isready", "-h", "127.0.0.1");
        assertThat(instance.registry().env()).containsEntry("DRIFT_DATABASE_POSTGRES_URL_FILE", "/run/secrets/postgres_url");
        assertThat(instance.registry().config().orElseThrow().text()).contains("backend = \"postgres\"")
                .doesNotContain("postgres://");
        assertThat(instance.managedPostgresUrl(Secret.of("p/w+x y")).reveal())
                .isEqualTo("postgres://drift:p%2Fw%2Bx%20y@drift-dev-postgres:5432/drift");
    }

    @Test
    void componentsFindEachOtherByServiceNameUnderCompose() {
        DriftInstance instance = DriftInstance.of(request(DatabaseBackend.ZQLITE, Optional.of("drift-zqlite:latest"),
                Hosts.COMPONENT_NAMES));
        assertThat(instance.registry().config().orElseThrow().text()).contains("zqlite://zqlite:5433/drift");
        DriftComponent zqlite = instance.component("zqlite").orElseThrow();
        assertThat(zqlite.entrypoint()).containsExactly("zqlite");
        assertThat(zqlite.args()).containsExactly("server", "--port", "5433", "--data-dir", "/var/lib/zqlite");
        assertThat(zqlite.readiness().command()).containsExactly("zqlite", "ping");
    }

    @Test
    void anHttpProbeBecomesACommandForEnginesWithoutHttpProbes() {
        assertThat(Probe.httpGet("/readyz", 5000).asCommand()).first().isEqualTo("bash");
        assertThat(Probe.httpGet("/readyz", 5000).asCommand().get(2)).contains("/dev/tcp/127.0.0.1/5000", "GET /readyz ");
        assertThat(Probe.startupFailureThreshold()).isEqualTo(60);
    }

    @Test
    void requestsThatCannotBeDeployedAreRefused() {
        assertThatThrownBy(() -> new InstanceRequest("Bad_Name", DatabaseBackend.SQLITE, "drift:1", Optional.empty(),
                Optional.empty(), Hosts.OBJECT_NAMES, true)).hasMessageContaining("Bad_Name");
        assertThatThrownBy(() -> request(DatabaseBackend.ZQLITE, Optional.empty(), Hosts.OBJECT_NAMES))
                .hasMessageContaining("drift-zqlite image");
        assertThatThrownBy(() -> DriftInstance.of(new InstanceRequest("dev", DatabaseBackend.ZQLITE, "drift:1",
                Optional.empty(), Optional.of("http://nope"), Hosts.OBJECT_NAMES, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zqlite_url");
    }

    private static InstanceRequest scaledOut(DatabaseBackend backend, Optional<String> backendImage, BlobStorage storage,
                                             int replicas) {
        return new InstanceRequest("dev", backend, "drift:1", backendImage, Optional.empty(), Hosts.OBJECT_NAMES, true,
                "", storage, replicas);
    }

    @Test
    void anOwnSeaweedFsStartsBeforeTheRegistryWhoseKeysAndItsIdentitiesAreFiles() throws Exception {
        DriftInstance instance = DriftInstance.of(scaledOut(DatabaseBackend.POSTGRES, Optional.of("postgres:17"),
                new BlobStorage.OwnSeaweedFs("drift-seaweedfs:1"), 3));

        assertThat(instance.components()).extracting(DriftComponent::name)
                .containsExactly("postgres", "seaweedfs", "registry");
        assertThat(instance.replicas()).isEqualTo(3);
        assertThat(instance.stateless()).isTrue();
        DriftComponent seaweedFs = instance.component("seaweedfs").orElseThrow();
        assertThat(seaweedFs.image()).isEqualTo("drift-seaweedfs:1");
        assertThat(seaweedFs.args()).contains("-s3.config=/run/secrets/s3_identities", "-dir=/var/lib/seaweedfs");
        assertThat(seaweedFs.secrets()).containsExactly(new SecretFile("s3_identities", "10003"));
        assertThat(seaweedFs.readiness().command()).last().asString().contains("s3.bucket.list", "'^  drift[[:space:]]'");
        assertThat(String.join(" ", seaweedFs.args())).doesNotContainIgnoringCase("key");

        DriftComponent registry = instance.registry();
        assertThat(registry.secrets()).extracting(SecretFile::name)
                .contains("s3_access_key", "s3_secret_key", "postgres_url");
        assertThat(registry.env()).containsEntry("DRIFT_STORAGE_S3_ACCESS_KEY_FILE", "/run/secrets/s3_access_key")
                .containsEntry("DRIFT_STORAGE_S3_SECRET_KEY_FILE", "/run/secrets/s3_secret_key");
        String toml = registry.config().orElseThrow().text();
        assertThat(toml).contains("access_key = \"\"", "secret_key = \"\"");
        DriftConfig loaded = DriftConfig.parse(toml, "drift.toml", Map.of(
                "DRIFT_AUTH_BASIC_USERS", "drift:$2a$10$" + "b".repeat(53),
                "DRIFT_DATABASE_POSTGRES_URL", "postgres://drift@db/drift",
                "DRIFT_STORAGE_S3_ACCESS_KEY", "AK", "DRIFT_STORAGE_S3_SECRET_KEY", "SK"));
        assertThat(loaded.storage().isS3()).isTrue();
        assertThat(loaded.storage().s3().endpoint()).isEqualTo("http://drift-dev-seaweedfs:8333");
        assertThat(loaded.storage().s3().bucket()).isEqualTo("drift");
        assertThat(loaded.storage().s3().pathStyle()).isTrue();
        assertThat(loaded.storage().s3().redirect()).isFalse();
        assertThat(loaded.storage().s3().accessKey().reveal()).isEqualTo("AK");
    }

    @Test
    void aGivenBucketIsRenderedAsGivenRedirectIncluded() throws Exception {
        S3Bucket bucket = new S3Bucket("https://s3.example:9000", "eu-west-1", "blobs", false, "dev/", true);
        DriftInstance instance = DriftInstance.of(scaledOut(DatabaseBackend.SQLITE, Optional.empty(),
                new BlobStorage.InBucket(bucket), 1));

        assertThat(instance.components()).extracting(DriftComponent::name).containsExactly("registry");
        assertThat(instance.stateless()).as("the SQLite file is on the replica's volume").isFalse();
        DriftConfig loaded = DriftConfig.parse(instance.registry().config().orElseThrow().text(), "drift.toml", Map.of(
                "DRIFT_AUTH_BASIC_USERS", "drift:$2a$10$" + "b".repeat(53),
                "DRIFT_STORAGE_S3_ACCESS_KEY", "AK", "DRIFT_STORAGE_S3_SECRET_KEY", "SK"));
        assertThat(loaded.storage().s3()).extracting(c -> c.endpoint(), c -> c.region(), c -> c.bucket(),
                c -> c.pathStyle(), c -> c.prefix(), c -> c.redirect())
                .containsExactly("https://s3.example:9000", "eu-west-1", "blobs", false, "dev/", true);
        assertThatThrownBy(() -> DriftInstance.of(scaledOut(DatabaseBackend.SQLITE, Optional.empty(),
                new BlobStorage.InBucket(new S3Bucket("s3.example", "r", "b", true, "", false)), 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void severalReplicasNeedABucketAndPostgres() {
        BlobStorage bucket = new BlobStorage.OwnSeaweedFs("drift-seaweedfs:1");
        assertThatThrownBy(() -> scaledOut(DatabaseBackend.POSTGRES, Optional.of("postgres:17"), BlobStorage.VOLUME, 2))
                .hasMessageContaining("replicas 2 with storage fs");
        assertThatThrownBy(() -> scaledOut(DatabaseBackend.SQLITE, Optional.empty(), bucket, 2))
                .hasMessageContaining("the sqlite backend").hasMessageContaining("postgres backend");
        assertThatThrownBy(() -> scaledOut(DatabaseBackend.ZQLITE, Optional.of("drift-zqlite:1"), bucket, 3))
                .hasMessageContaining("ZQLite's locks");
        assertThat(DriftInstance.of(scaledOut(DatabaseBackend.SQLITE, Optional.empty(), bucket, 1)).replicas()).isOne();
        assertThat(Layout.replica("dev", 0)).isEqualTo("drift-dev-registry");
        assertThat(Layout.replica("dev", 2)).isEqualTo("drift-dev-registry-3");
    }

    @Test
    void theSeaweedFsIdentitiesHoldTheKeysAndRefuseWhatWouldNeedEscaping() {
        assertThat(SeaweedFsIdentities.of(Secret.of("AK1"), Secret.of("s/K+=")).reveal())
                .contains("\"accessKey\": \"AK1\"", "\"secretKey\": \"s/K+=\"");
        assertThatThrownBy(() -> SeaweedFsIdentities.of(Secret.of("a\"b"), Secret.of("x")))
                .hasMessageNotContaining("a\"b");
    }
}
