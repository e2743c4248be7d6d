package dev.drift.ops.operator.model;

import static dev.drift.ops.operator.model.Resources.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.operator.crd.AuthSpec;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.EncryptionKeyRef;
import dev.drift.ops.operator.crd.ExternalPostgres;
import dev.drift.ops.operator.crd.PostgresSpec;
import dev.drift.ops.operator.crd.S3Credentials;
import dev.drift.ops.operator.crd.S3Spec;
import dev.drift.ops.operator.crd.SecretKeyRef;
import dev.drift.ops.operator.crd.StorageBackend;
import dev.drift.ops.operator.crd.StorageSpec;
import dev.drift.ops.operator.crd.ZqliteSpec;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** What the schema cannot refuse is refused here, with a reason and a message that say what to fix. */
class InputResolverTest {

    private static DriftRegistrySpec external(String secret, String key) {
        return new DriftRegistrySpec(Backend.POSTGRES, null, null, null, null,
                new PostgresSpec(null, new ExternalPostgres(new SecretKeyRef(secret, key))), null, null, null);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refusal(DriftRegistrySpec spec, SecretsSeen seen,
                                                                          String reason, String message) {
        return assertThatThrownBy(() -> render(spec, seen)).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.problem().reason()).isEqualTo(reason);
            assertThat(refusal.problem().message()).isEqualTo(message);
        });
    }

    static final String S3_SECRET = "blob-keys";
    static final SecretsSeen S3_KEYS = SecretsSeen.none().with(S3_SECRET,
            Map.of("accessKey", "AKIA-test-access", "secretKey", "test-secret-key-value"));

    static StorageSpec inBucket(S3Credentials credentials) {
        return StorageSpec.inBucket(new S3Spec("http://s3.storage.svc:8333", null, "drift", true, null, null, credentials));
    }

    static DriftRegistrySpec scaled(Backend backend, StorageSpec storage, int replicas) {
        ZqliteSpec zqlite = backend == Backend.ZQLITE ? new ZqliteSpec("drift-zqlite:1", null) : null;
        return new DriftRegistrySpec(backend, null, null, replicas, storage, null, zqlite, null, null);
    }

    /** The rule is the deployment model's (InstanceRequest), word for word: the operator keeps no copy of it. */
    @Test
    void moreThanOneReplicaNeedsBlobsInABucketAndMetadataInPostgres() {
        for (Backend backend : Backend.values()) {
            refusal(scaled(backend, null, 2), SecretsSeen.none(), "InvalidSpec", "replicas 2 with storage fs: the blobs "
                    + "are on one volume, which only one replica can use; keep the blobs in S3 (storage s3) or run 1 replica");
        }
        StorageSpec bucket = inBucket(new S3Credentials(S3_SECRET, null, null));
        refusal(scaled(Backend.SQLITE, bucket, 2), S3_KEYS, "InvalidSpec", "replicas 2 with the sqlite backend: "
                + "replicas share their metadata only through PostgreSQL (SQLite is a file on one replica's volume, and "
                + "ZQLite's locks hold within one process); use the postgres backend or 1 replica");
        refusal(scaled(Backend.ZQLITE, bucket, 2), S3_KEYS, "InvalidSpec", "replicas 2 with the zqlite backend: "
                + "replicas share their metadata only through PostgreSQL (SQLite is a file on one replica's volume, and "
                + "ZQLite's locks hold within one process); use the postgres backend or 1 replica");
    }

    @Test
    void theBucketIsTheModelsAndItsKeysAreMountedFromTheUsersSecretUnderTheKeysItNames() throws Refusal {
        SecretsSeen seen = SecretsSeen.none().with(S3_SECRET, Map.of("id", "AKIA-test-access", "key", "k"));
        InstanceInputs inputs = new InputResolver("drift:test").resolve(Resources.resource(
                scaled(Backend.POSTGRES, inBucket(new S3Credentials(S3_SECRET, "id", "key")), 3)), seen);

        assertThat(inputs.instance().replicas()).isEqualTo(3);
        assertThat(inputs.instance().stateless()).isTrue();
        assertThat(inputs.instance().registry().config().orElseThrow().text()).contains("backend = \"s3\"")
                .contains("endpoint = \"http://s3.storage.svc:8333\"").contains("region = \"us-east-1\"")
                .contains("bucket = \"drift\"").contains("path_style = true").doesNotContain("AKIA-test-access");
        assertThat(inputs.secretFiles().get("s3_access_key")).extracting(SecretFileSource::secretName,
                SecretFileSource::key).containsExactly(S3_SECRET, "id");
        assertThat(inputs.secretFiles().get("s3_secret_key")).extracting(SecretFileSource::secretName,
                SecretFileSource::key).containsExactly(S3_SECRET, "key");
    }

    @Test
    void aMissingS3SecretOrKeyIsNamed() {
        DriftRegistrySpec spec = scaled(Backend.POSTGRES, inBucket(new S3Credentials(S3_SECRET, null, null)), 2);
        refusal(spec, SecretsSeen.none(), "SecretNotFound", "secret blob-keys not found");
        refusal(spec, SecretsSeen.none().with(S3_SECRET, Map.of("accessKey", "a")), "SecretNotFound",
                "secret blob-keys has no key secretKey (its keys: accessKey)");
    }

    @Test
    void s3SettingsAndTheS3BackendComeTogether() {
        refusal(scaled(Backend.POSTGRES, new StorageSpec(null, null, null, StorageBackend.S3, null), 1), SecretsSeen.none(),
                "InvalidSpec", "storage backend s3 requires storage.s3");
        S3Spec s3 = inBucket(new S3Credentials(S3_SECRET, null, null)).s3();
        refusal(scaled(Backend.POSTGRES, new StorageSpec(null, null, null, StorageBackend.FS, s3), 1), S3_KEYS,
                "InvalidSpec", "storage.s3 settings need storage backend s3");
    }

    @Test
    void aMissingSecretOrKeyIsNamed() {
        refusal(external("drift-db", null), SecretsSeen.none(), "SecretNotFound", "secret drift-db not found");
        refusal(external("drift-db", null), SecretsSeen.none().with("drift-db", Map.of("uri", "x")), "SecretNotFound",
                "secret drift-db has no key url (its keys: uri)");
        DriftRegistrySpec login = new DriftRegistrySpec(Backend.SQLITE, null, null, null, null, null, null,
                new AuthSpec("login"), null);
        refusal(login, SecretsSeen.none().with("login", Map.of("username", "ci")), "SecretNotFound",
                "secret login has no key password (its keys: username)");
    }

    @Test
    void aMalformedUrlIsRefusedWithoutShowingItsPassword() {
        SecretsSeen seen = SecretsSeen.none().with("drift-db", Map.of("url", "mysql://drift:hunter22@db/drift"));
        assertThatThrownBy(() -> render(external("drift-db", null), seen)).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.problem().reason()).isEqualTo("SecretInvalid");
            assertThat(refusal.problem().message()).startsWith("secret drift-db key url: ").contains("postgres://")
                    .doesNotContain("hunter22");
            assertThat(refusal.getMessage()).doesNotContain("hunter22");
        });
    }

    @Test
    void aUserNameWithAColonIsRefused() {
        DriftRegistrySpec login = new DriftRegistrySpec(Backend.SQLITE, null, null, null, null, null, null,
                new AuthSpec("login"), null);
        refusal(login, SecretsSeen.none().with("login", Map.of("username", "a:b", "password", "pw")), "SecretInvalid",
                "secret login key username: a user name has no ':'");
    }

    @Test
    void whatTheSchemaRefusesIsRefusedForResourcesStoredBeforeIt() {
        refusal(new DriftRegistrySpec(Backend.ZQLITE, null, null, null, null, null, null, null, null), SecretsSeen.none(),
                "InvalidSpec", "backend zqlite requires zqlite.image (a drift-zqlite image)");
        refusal(new DriftRegistrySpec(Backend.SQLITE, null, null, null, null, null, new ZqliteSpec("z:1", null), null, null),
                SecretsSeen.none(), "InvalidSpec", "zqlite settings need backend zqlite");
    }

    @Test
    void zqliteEncryptionIsRefusedRatherThanIgnored() {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.ZQLITE, null, null, null, null, null,
                new ZqliteSpec("z:1", new EncryptionKeyRef("key", "k")), null, null);
        refusal(spec, SecretsSeen.none(), "InvalidSpec", "zqlite.encryptionSecret is not supported yet: this operator "
                + "cannot hand ZQLite an encryption key; remove it to run without encryption");
    }

    @Test
    void aGeneratedLoginAndDatabasePasswordAreKept() throws Refusal {
        SecretsSeen seen = SecretsSeen.none()
                .with("drift-dev-auth", Map.of("username", "drift", "password", "kept-password"))
                .with("drift-dev-postgres", Map.of("postgres_password", "kept-db-password"));
        RenderedInstance rendered = render(DriftRegistrySpec.of(Backend.POSTGRES), seen);

        assertThat(Resources.yaml(Resources.object(rendered, io.fabric8.kubernetes.api.model.Secret.class, "drift-dev-auth")))
                .contains(java.util.Base64.getEncoder().encodeToString("kept-password".getBytes()));
        assertThat(Resources.yaml(Resources.object(rendered, io.fabric8.kubernetes.api.model.Secret.class, "drift-dev-postgres")))
                .contains(java.util.Base64.getEncoder().encodeToString("kept-db-password".getBytes()));
    }
}
