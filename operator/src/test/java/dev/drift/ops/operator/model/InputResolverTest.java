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
import dev.drift.ops.operator.crd.SecretKeyRef;
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

    @Test
    void moreThanOneReplicaIsRefusedSinceBlobsLiveOnOneClaim() {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.SQLITE, null, null, 2, null, null, null, null, null);
        refusal(spec, SecretsSeen.none(), "InvalidSpec", "replicas 2: Drift keeps its blobs on one claim (storage "
                + "backend fs), which only one pod can use; set replicas to 0 or 1");
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
